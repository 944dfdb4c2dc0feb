//! The news list on a page as `[sources.list]` rules: records of one structure under a
//! container, each with a headline link (an `href`, a `data-url`, an `onclick`, or an id a
//! script of the page turns into an address), scored against navigation, side boxes and
//! link farms; selectors for the records and their parts; the next page.

use std::collections::HashMap;

use chrono_tz::Tz;
use scraper::{ElementRef, Html};
use url::Url;

use super::{ListProposal, chars, date_regex, doc_of, han, names_of, sel, signature, toml_value};
use crate::escape::toml_string;
use crate::parse::clean_text;
use crate::scrape::{Field, HtmlRules, Sel, link_in, split_date, text_of};

/// A record's headline: the element its link comes from, the title and the link (as the
/// page writes it), and the attribute the link is in.
struct Headline<'a> {
    anchor: ElementRef<'a>,
    title: String,
    link_el: ElementRef<'a>,
    link_attr: &'static str,
}

const LINK_ATTRS: [&str; 4] = ["data-url", "data-href", "data-link", "onclick"];

/// Is a `title` attribute the fuller form of the text: longer, or the whole of a text cut
/// short with an ellipsis (`…11....` for `…11.3%`, which is no longer)?
fn fuller(attr: &str, text: &str) -> bool {
    if attr.is_empty() {
        return false;
    }
    let cut = text
        .trim_end()
        .trim_end_matches(['.', '…', '。', '·'])
        .trim_end();
    text.is_empty()
        || chars(attr) > chars(text)
        || (cut.len() < text.trim_end().len() && attr.starts_with(cut) && attr != text)
}

/// The title of an anchor: its `title` attribute when it is the fuller form of its text.
fn anchor_title(a: ElementRef<'_>) -> String {
    let text = text_of(a);
    match a.value().attr("title").map(clean_text) {
        Some(t) if fuller(&t, &text) => t,
        _ => text,
    }
}

/// Detail addresses the page's scripts build from an id: function name -> the address
/// before the id (`function toDetail(id){ location.href = '/news/detail?id=' + id }`).
type Templates = HashMap<String, String>;

fn templates(html: &str) -> Templates {
    let mut out = Templates::new();
    let Ok(re) = regex::Regex::new(
        r#"(?s)function\s+([A-Za-z_$][\w$]*)\s*\(\s*([A-Za-z_$][\w$]*)\s*\)\s*\{[^}]{0,300}?['"]([^'"\s]+)['"]\s*\+\s*([A-Za-z_$][\w$]*)"#,
    ) else {
        return out;
    };
    for c in re.captures_iter(html) {
        if c[2] == c[4] {
            out.entry(c[1].to_string())
                .or_insert_with(|| c[3].to_string());
        }
    }
    out
}

/// `toDetail('881')` -> ("toDetail", "881").
fn call_with_id(value: &str) -> Option<(String, String)> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let c = RE
        .get_or_init(|| {
            regex::Regex::new(
                r#"^\s*(?:javascript:)?\s*([A-Za-z_$][\w$]*)\(\s*['"]?([\w-]+)['"]?\s*\)"#,
            )
            .ok()
        })
        .as_ref()?
        .captures(value)?;
    Some((c[1].to_string(), c[2].to_string()))
}

fn usable(value: &str) -> bool {
    link_in(value, None).is_some_and(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#') && !l.to_ascii_lowercase().starts_with("javascript")
    })
}

fn headline<'a>(record: ElementRef<'a>, ctx: &Templates) -> Option<Headline<'a>> {
    let a_sel = sel("a")?;
    let anchors: Vec<ElementRef<'a>> = if record.value().name() == "a" {
        vec![record]
    } else {
        record.select(&a_sel).collect()
    };
    let mut best: Option<Headline<'a>> = None;
    for a in anchors {
        let title = anchor_title(a);
        if best
            .as_ref()
            .is_some_and(|b| chars(&b.title) >= chars(&title))
        {
            continue;
        }
        // The link: href, else a data-url or onclick on the anchor, else on the record or
        // an element between them.
        let mut found: Option<(ElementRef<'a>, &'static str)> = None;
        if a.value().attr("href").is_some_and(usable) {
            found = Some((a, "href"));
        }
        let mut cur = Some(a);
        while found.is_none() {
            let Some(e) = cur else { break };
            if let Some(attr) = LINK_ATTRS
                .iter()
                .find(|k| e.value().attr(k).is_some_and(usable))
            {
                found = Some((e, attr));
            }
            if e.id() == record.id() {
                break;
            }
            cur = e.parent().and_then(ElementRef::wrap);
        }
        if let Some((link_el, link_attr)) = found {
            // A card link around a date, a heading and a summary: the heading is the title.
            let heading =
                sel("h1, h2, h3, h4, h5, h6, [class*=title], [class*=tit]").and_then(|h| {
                    a.select(&h)
                        .find(|e| han(&text_of(*e)) >= 4 && chars(&text_of(*e)) < chars(&title))
                });
            let (anchor, title) = match heading {
                Some(h) => (h, text_of(h)),
                None => (a, title),
            };
            best = Some(Headline {
                anchor,
                title,
                link_el,
                link_attr,
            });
        }
    }
    // A record that is clickable itself (<li onclick="…">, or a call the page's scripts
    // turn into an address) with its title in a span, whole in its title attribute.
    let called = |e: ElementRef<'_>| {
        e.value()
            .attr("onclick")
            .and_then(call_with_id)
            .is_some_and(|(f, _)| ctx.contains_key(&f))
    };
    let clickable = LINK_ATTRS
        .iter()
        .find(|k| record.value().attr(k).is_some_and(usable))
        .copied()
        .or_else(|| called(record).then_some("onclick"));
    if best.is_none()
        && let Some(attr) = clickable
    {
        let titled = sel("[title]").and_then(|t| {
            record
                .select(&t)
                .find(|e| e.value().attr("title").is_some_and(|v| han(v) >= 4))
        });
        let (anchor, title) = match titled {
            Some(e) => (e, clean_text(e.value().attr("title").unwrap_or(""))),
            None => match headline_child(record) {
                Some(e) => (e, text_of(e)),
                None => (record, text_of(record)),
            },
        };
        return Some(Headline {
            anchor,
            title,
            link_el: record,
            link_attr: attr,
        });
    }
    best
}

/// In a clickable record without an `<a>` (`<li data-href><span>•</span><span
/// class="tit">标题</span><span>2024/03/12</span></li>`), the element holding the headline:
/// the one with the most Han text, when the record has other text (a bullet, a date, a
/// number) beside it; None when the record's text is the headline.
fn headline_child(record: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let all = han(&text_of(record));
    let best = record
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.id() != record.id())
        .filter(|e| !date_regex().is_match(&text_of(*e)))
        .max_by_key(|e| {
            (
                han(&text_of(*e)),
                std::cmp::Reverse(e.descendants().count()),
            )
        })?;
    let h = han(&text_of(best));
    (h >= 4 && h * 10 >= all * 8 && chars(&text_of(best)) < chars(&text_of(record))).then_some(best)
}

/// Words in ids and classes of navigation, footers and side lists.
const SIDE_WORDS: [&str; 22] = [
    "nav",
    "menu",
    "foot",
    "header",
    "banner",
    "crumb",
    "hot",
    "rank",
    "top10",
    "tuijian",
    "recommend",
    "paihang",
    "friend",
    "yqlj",
    "link",
    "side",
    "aside",
    "right",
    "share",
    "relate",
    "tab-head",
    "dropdown",
];
/// Headings of side lists.
const SIDE_HEADINGS: [&str; 9] = [
    "热点",
    "推荐",
    "排行",
    "热门",
    "友情链接",
    "相关",
    "专题",
    "点击",
    "阅读排行",
];

fn side_penalty(container: ElementRef<'_>) -> f64 {
    let mut p = 1.0;
    let mut cur = Some(container);
    for _ in 0..6 {
        let Some(e) = cur else { break };
        let words = format!(
            "{} {}",
            e.value().id().unwrap_or(""),
            e.value().classes().collect::<Vec<_>>().join(" ")
        )
        .to_ascii_lowercase();
        if SIDE_WORDS.iter().any(|w| words.contains(w)) {
            p *= 0.35;
            break;
        }
        if matches!(e.value().name(), "nav" | "footer" | "header" | "aside") {
            p *= 0.2;
            break;
        }
        cur = e.parent().and_then(ElementRef::wrap);
    }
    // A heading just before the list, or the list box's own first line.
    let mut heading = String::new();
    if let Some(prev) = container.prev_siblings().find_map(ElementRef::wrap) {
        heading = text_of(prev);
    }
    if heading.is_empty()
        && let Some(parent) = container.parent().and_then(ElementRef::wrap)
        && let Some(first) = parent.children().find_map(ElementRef::wrap)
        && first.id() != container.id()
    {
        heading = text_of(first);
    }
    if chars(&heading) <= 12 && SIDE_HEADINGS.iter().any(|w| heading.contains(w)) {
        p *= 0.3;
    }
    p
}

/// One candidate list: a container's children of one signature.
struct Candidate<'a> {
    container: ElementRef<'a>,
    /// How records are named: their signature (`li.item`), or their tag alone when rows
    /// alternate classes (`tr` and `tr.bg`, zebra stripes).
    record: String,
    members: Vec<ElementRef<'a>>,
    score: f64,
}

fn candidates<'a>(doc: &'a Html, page: &Url, ctx: &Templates) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Some(c) = ElementRef::wrap(node) else {
            continue;
        };
        if matches!(c.value().name(), "script" | "style" | "head" | "select") {
            continue;
        }
        let mut groups: HashMap<String, Vec<ElementRef<'a>>> = HashMap::new();
        for child in c.children().filter_map(ElementRef::wrap) {
            groups.entry(signature(child)).or_default().push(child);
        }
        // Children of one tag under several signatures: one group by tag as well.
        let mut by_tag: HashMap<String, Vec<ElementRef<'a>>> = HashMap::new();
        for child in c.children().filter_map(ElementRef::wrap) {
            by_tag
                .entry(child.value().name().to_ascii_lowercase())
                .or_default()
                .push(child);
        }
        for (tag, members) in by_tag {
            let split = groups
                .keys()
                .filter(|k| k.split('.').next() == Some(tag.as_str()))
                .count();
            if split > 1 {
                groups.insert(format!("{tag}\u{0}"), members);
            }
        }
        for (key, members) in groups {
            let record = key.trim_end_matches('\u{0}').to_string();
            if members.len() < 3 {
                continue;
            }
            let mut good = 0usize;
            let mut title_chars = 0usize;
            let mut dated = 0usize;
            let mut anchors = 0usize;
            let mut foreign = 0usize;
            for m in &members {
                anchors += sel("a")
                    .map(|s| {
                        m.select(&s)
                            .count()
                            .max(usize::from(m.value().name() == "a"))
                    })
                    .unwrap_or(0);
                let Some(h) = headline(*m, ctx) else { continue };
                if han(&h.title) < 5 {
                    continue;
                }
                good += 1;
                title_chars += chars(&h.title).min(40);
                if date_regex().is_match(&text_of(*m)) || has_split_date(*m) {
                    dated += 1;
                }
                if let Some(v) = h.link_el.value().attr(h.link_attr)
                    && let Some(l) = link_in(v, None)
                    && let Ok(u) = page.join(&l)
                    && u.host_str() != page.host_str()
                {
                    foreign += 1;
                }
            }
            if good < 3 || good * 2 < members.len() {
                continue;
            }
            let avg = title_chars as f64 / good as f64;
            let mut score =
                good as f64 * (avg / 25.0).min(1.2) * (1.0 + dated as f64 / good as f64);
            if avg < 8.0 {
                score *= 0.3;
            }
            // Link farms: many links per record.
            let per = anchors as f64 / members.len() as f64;
            if per > 3.0 {
                score *= 0.3;
            }
            if foreign * 2 > good {
                score *= 0.2;
            }
            score *= side_penalty(c);
            out.push(Candidate {
                container: c,
                record,
                members,
                score,
            });
        }
    }
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// A selector that picks exactly `members` in `doc`.
fn group_selector(
    doc: &Html,
    container: ElementRef<'_>,
    members: &[ElementRef<'_>],
    record: &str,
    ctx: &Templates,
) -> Option<String> {
    let want: Vec<_> = members.iter().map(|m| m.id()).collect();
    // The records with a headline must all be selected; the rest of the group (separator
    // rows) may be left out.
    let needed: Vec<_> = members
        .iter()
        .filter(|m| headline(**m, ctx).is_some())
        .map(|m| m.id())
        .collect();
    // Exactly the records, or the records and rows with no headline (a table's header
    // row, a spacer), which the list reader skips.
    let exact = |s: &str| -> bool {
        sel(s).is_some_and(|x| {
            let got: Vec<ElementRef<'_>> = doc.select(&x).collect();
            needed.iter().all(|w| got.iter().any(|g| g.id() == *w))
                && got
                    .iter()
                    .filter(|g| !want.contains(&g.id()))
                    .all(|g| headline(*g, ctx).is_none_or(|h| han(&h.title) < 4))
                && got.len() < want.len() * 2
        })
    };
    let record = record.to_string();
    if record.contains('.') && exact(&record) {
        return Some(record);
    }
    let mut chain: Vec<ElementRef<'_>> = Vec::new();
    let mut cur = Some(container);
    for _ in 0..6 {
        let Some(e) = cur else { break };
        chain.push(e);
        cur = e.parent().and_then(ElementRef::wrap);
    }
    // A named container > record, then a named ancestor … container > record, then the
    // bare container tag > record.
    let named = |e: ElementRef<'_>| -> Vec<String> {
        names_of(e)
            .into_iter()
            .filter(|n| n.contains(['#', '.']))
            .collect()
    };
    for name in named(container) {
        let s = format!("{name} > {record}");
        if exact(&s) {
            return Some(s);
        }
    }
    for anc in chain.iter().skip(1) {
        for name in named(*anc) {
            for c in names_of(container) {
                let s = format!("{name} {c} > {record}");
                if exact(&s) {
                    return Some(s);
                }
            }
        }
    }
    let s = format!("{} > {record}", container.value().name());
    if exact(&s) {
        return Some(s);
    }
    // Unnamed layout tables: the records named by a classed cell every one of them has
    // (`tr:has(> td.list_title)`), which separator rows and other tables lack.
    let mut common: Option<Vec<String>> = None;
    for m in members.iter().filter(|m| headline(**m, ctx).is_some()) {
        let sigs: Vec<String> = m
            .children()
            .filter_map(ElementRef::wrap)
            .map(signature)
            .filter(|s| s.contains('.'))
            .collect();
        common = Some(match common {
            None => sigs,
            Some(c) => c.into_iter().filter(|x| sigs.contains(x)).collect(),
        });
    }
    for child in common.unwrap_or_default() {
        for s in [
            format!("{record}:has(> {child})"),
            format!("{} > {record}:has(> {child})", container.value().name()),
        ] {
            if exact(&s) {
                return Some(s);
            }
        }
    }
    None
}

/// A selector inside a record that finds `target` first in most `records` (at least
/// four in five), `first_match` counting the record itself.
fn field_selector<T: PartialEq>(
    records: &[ElementRef<'_>],
    target: impl Fn(ElementRef<'_>) -> Option<T>,
    sample: ElementRef<'_>,
    id: impl Fn(ElementRef<'_>) -> T,
) -> Option<String> {
    let mut names = names_of(sample);
    if let Some(p) = sample.parent().and_then(ElementRef::wrap) {
        for pn in names_of(p).into_iter().filter(|n| n.contains('.')) {
            names.push(format!("{pn} > {}", sample.value().name()));
        }
    }
    // Last: its place among siblings of its tag (a table's date column).
    let tag = sample.value().name();
    let nth = 1 + sample
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == tag)
        .count();
    names.push(format!("{tag}:nth-of-type({nth})"));
    for name in names {
        let Some(s) = sel(&name) else { continue };
        let hits = records
            .iter()
            .filter(|r| {
                let first = if s.matches(r) {
                    Some(id(**r))
                } else {
                    r.select(&s).next().map(&id)
                };
                first.is_some() && first == target(**r)
            })
            .count();
        if hits * 5 >= records.len() * 4 {
            return Some(name);
        }
    }
    None
}

/// A date written at either end of a title (`[2022-10-11] 标题`, `标题 2022-10-11`).
fn end_date(title: &str) -> bool {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(
            r"^\s*[\[【（(]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】）)]?|[\[【（(]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】）)]?\s*$",
        )
        .ok()
    })
    .as_ref()
    .is_some_and(|re| re.is_match(title))
}

/// The title without a date at either end.
const TITLE_WITHOUT_DATE: &str = r"^\s*(?:[\[【（(]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】）)]?)?\s*(.*?)\s*(?:[\[【（(]?\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*[\]】）)]?)?\s*$";
const DATE_IN_TEXT: &str = r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)";

/// The news list on a page as `[sources.list]` rules, verified by reading the page with
/// them; None when no list of three headlines or more stands out.
pub fn propose_list(html: &str, page: &Url, tz: Tz) -> Option<ListProposal> {
    let raw = propose_list_in(html, page, tz, false);
    // Records held in scripts (CDATA, document.write), read where they stand, win when
    // they make the better list (Hanweb pages show only a 热点 box outside them).
    let unfolded = crate::scrape::embedded::unfold(html);
    if unfolded == html {
        return raw;
    }
    let held = propose_list_in(&unfolded, page, tz, true);
    match (raw, held) {
        (Some(r), Some(h)) if h.score > r.score => Some(h),
        (Some(r), _) => Some(r),
        (None, h) => h,
    }
}

fn propose_list_in(html: &str, page: &Url, tz: Tz, embedded: bool) -> Option<ListProposal> {
    let doc = doc_of(html);
    let ctx = templates(html);
    for cand in candidates(&doc, page, &ctx).into_iter().take(5) {
        if let Some(p) = rules_for(&doc, html, page, tz, embedded, &cand, &ctx) {
            return Some(p);
        }
    }
    None
}

fn rules_for(
    doc: &Html,
    html: &str,
    page: &Url,
    tz: Tz,
    embedded: bool,
    cand: &Candidate<'_>,
    ctx: &Templates,
) -> Option<ListProposal> {
    let item = group_selector(doc, cand.container, &cand.members, &cand.record, ctx)?;
    let records: Vec<ElementRef<'_>> = cand.members.clone();
    let heads: Vec<Option<Headline<'_>>> = records.iter().map(|r| headline(*r, ctx)).collect();
    let sample = heads.iter().flatten().next()?;
    // Selectors, inside a record, for the headline's parts (its title element, the element
    // holding its link), found first in most records.
    let part_selector = |link: bool| -> Option<String> {
        let pick = |h: &Headline<'_>| if link { h.link_el.id() } else { h.anchor.id() };
        field_selector(
            &records,
            |r| {
                records
                    .iter()
                    .position(|x| x.id() == r.id())
                    .and_then(|i| heads[i].as_ref().map(pick))
            },
            if link { sample.link_el } else { sample.anchor },
            |e| e.id(),
        )
    };
    let mut keys: Vec<(String, String)> = Vec::new();
    if embedded {
        keys.push(("embedded".into(), "true".into()));
    }
    keys.push(("item".into(), toml_string(&item)));
    // Link: the first a[href] unless the headline's link is elsewhere.
    let first_a = sel("a[href]")?;
    let default_link = |r: ElementRef<'_>, h: &Headline<'_>| {
        let first = if first_a.matches(&r) {
            Some(r.id())
        } else {
            r.select(&first_a).next().map(|e| e.id())
        };
        h.link_attr == "href" && first == Some(h.link_el.id())
    };
    let all_default = records
        .iter()
        .zip(&heads)
        .filter_map(|(r, h)| h.as_ref().map(|h| default_link(*r, h)))
        .all(|b| b);
    if !all_default {
        let link_sel = part_selector(true)?;
        keys.push(("link".into(), toml_string(&link_sel)));
        if sample.link_attr != "href" {
            keys.push(("link_attr".into(), toml_string(sample.link_attr)));
        }
        // An id passed to a function the page's scripts make an address of.
        if let Some((f, _)) = sample
            .link_el
            .value()
            .attr(sample.link_attr)
            .and_then(call_with_id)
            && let Some(prefix) = ctx.get(&f)
            && !sample
                .link_el
                .value()
                .attr(sample.link_attr)
                .is_some_and(usable)
        {
            keys.push((
                "link_regex".into(),
                toml_string(&format!(r#"{}\(\s*['"]?([\w-]+)"#, regex::escape(&f))),
            ));
            keys.push((
                "link_template".into(),
                toml_string(&format!("{prefix}{{}}")),
            ));
        }
        // The title is the headline's, when the link element is not it.
        if sample.anchor.id() != sample.link_el.id() || sample.link_attr != "href" {
            if let Some(t) = part_selector(false) {
                keys.push(("title".into(), toml_string(&t)));
                // The attribute, when it is the fuller title somewhere and there in most.
                let anchors: Vec<ElementRef<'_>> =
                    heads.iter().flatten().map(|h| h.anchor).collect();
                let with_attr = anchors
                    .iter()
                    .filter(|a| a.value().attr("title").is_some_and(|t| han(t) >= 4))
                    .count();
                let fuller_somewhere = anchors.iter().any(|a| {
                    a.value()
                        .attr("title")
                        .is_some_and(|t| fuller(&clean_text(t), &text_of(*a)))
                });
                if fuller_somewhere && with_attr * 5 >= anchors.len() * 4 {
                    keys.push(("title_attr".into(), toml_string("title")));
                }
            }
        }
    }
    // The title in its own element inside the link (a card's heading).
    if !keys.iter().any(|(k, _)| k == "title")
        && sample.anchor.id() != sample.link_el.id()
        && sample.link_attr == "href"
        && let Some(t) = part_selector(false)
    {
        keys.push(("title".into(), toml_string(&t)));
    }
    // Dates: in their own element, else in the record's text; a date ending the title is
    // cut from it.
    let titled: Vec<&Headline<'_>> = heads.iter().flatten().collect();
    let dated_titles = titled.iter().filter(|h| end_date(&h.title)).count();
    if dated_titles * 2 > titled.len() {
        // The regex reads the headline's own text, not the whole record's.
        if !keys.iter().any(|(k, _)| k == "title")
            && sample.anchor.id() != records[0].id()
            && let Some(t) = part_selector(false)
        {
            keys.push(("title".into(), toml_string(&t)));
        }
        keys.push(("title_regex".into(), toml_string(TITLE_WITHOUT_DATE)));
        keys.push(("date_regex".into(), toml_string(DATE_IN_TEXT)));
    } else if let Some(date_el) = date_element(records[0], sample.anchor)
        .or_else(|| records.iter().find_map(|r| date_element(*r, sample.anchor)))
    {
        let target = |r: ElementRef<'_>| {
            let h = records
                .iter()
                .position(|x| x.id() == r.id())
                .and_then(|i| heads[i].as_ref())?;
            date_element(r, h.anchor).map(|e| e.id())
        };
        match field_selector(&records, target, date_el, |e| e.id()) {
            Some(s) => keys.push(("date".into(), toml_string(&s))),
            None => keys.push(("date_regex".into(), toml_string(DATE_IN_TEXT))),
        }
    } else if records
        .iter()
        .filter(|r| date_regex().is_match(&text_of(**r)) || has_split_date(**r))
        .count()
        * 2
        > records.len()
    {
        keys.push(("date_regex".into(), toml_string(DATE_IN_TEXT)));
    }
    let rules = rules_from_keys(&keys)?;
    let entries = crate::scrape::scrape_list(html, page, &rules, tz).ok()?;
    let good: Vec<_> = entries
        .iter()
        .filter(|e| e.link.is_some() && han(&e.title) >= 4)
        .collect();
    if good.len() < 3 {
        return None;
    }
    let (records, dated) = (
        good.len(),
        good.iter().filter(|e| e.published.is_some()).count(),
    );
    Some(ListProposal {
        keys,
        rules,
        records,
        dated,
        next_page: next_page(doc, html, page),
        score: cand.score,
        entries,
    })
}

/// Does an element of `record` hold a date split over two elements (day, year-month)?
fn has_split_date(record: ElementRef<'_>) -> bool {
    record
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| d.children().count() > 1 && split_date(&text_of(d)).is_some())
}

/// The smallest element of `record` outside the headline whose own text is a date.
fn date_element<'a>(record: ElementRef<'a>, anchor: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let mut best: Option<ElementRef<'a>> = None;
    for d in record.descendants().filter_map(ElementRef::wrap) {
        if d.id() == anchor.id() || d.ancestors().any(|a| a.id() == anchor.id()) {
            continue;
        }
        if anchor.ancestors().any(|a| a.id() == d.id()) {
            continue;
        }
        let t = text_of(d);
        if chars(&t) <= 30 && (date_regex().is_match(&t) || split_date(&t).is_some()) {
            best = Some(d);
        }
    }
    best
}

/// HtmlRules from proposed keys (the same meaning the config checker gives them).
pub fn rules_from_keys(keys: &[(String, String)]) -> Option<HtmlRules> {
    let get = |k: &str| {
        keys.iter()
            .find(|(x, _)| x == k)
            .and_then(|(_, v)| toml_value(v))
    };
    let field = |k: &str| -> Option<Field> {
        Some(Field {
            selector: match get(k) {
                Some(s) => Some(Sel::parse(&s).ok()?),
                None => None,
            },
            attr: get(&format!("{k}_attr")),
            regex: match get(&format!("{k}_regex")) {
                Some(r) => Some(regex::Regex::new(&r).ok()?),
                None => None,
            },
            label: None,
        })
    };
    Some(HtmlRules {
        embedded: get("embedded").is_some(),
        item: Sel::parse(&get("item")?).ok()?,
        title: field("title")?,
        link: match get("link") {
            Some(s) => Some(Sel::parse(&s).ok()?),
            None => None,
        },
        link_attr: get("link_attr").unwrap_or_else(|| "href".into()),
        link_regex: match get("link_regex") {
            Some(r) => Some(regex::Regex::new(&r).ok()?),
            None => None,
        },
        link_template: get("link_template"),
        date: field("date")?,
        summary: None,
    })
}

/// The next page a list page links, from its HTML (see [`next_page`]).
pub fn next_page_of(html: &str, page: &Url) -> Option<String> {
    next_page(&doc_of(html), html, page)
}

/// The list's next page: a 下一页 link, or the page `createPageHTML(…)` would write
/// (`index_1.html` after `index.html`), or `?page=2`.
pub fn next_page(doc: &Html, html: &str, page: &Url) -> Option<String> {
    let a = sel("a")?;
    for e in doc.select(&a) {
        let t = text_of(e);
        if [
            "下一页",
            "下页",
            "后页",
            "下一頁",
            "next",
            "Next",
            "›",
            "»",
            ">",
        ]
        .contains(&t.as_str())
            && let Some(h) = e
                .value()
                .attr("href")
                .filter(|h| usable(h))
                .or_else(|| e.value().attr("onclick").filter(|h| usable(h)))
            && let Some(l) = link_in(h, None)
            && let Ok(u) = page.join(&l)
            && u.as_str() != page.as_str()
        {
            return Some(u.to_string());
        }
    }
    // TRS WCM: createPageHTML(pages, current, "index", "html").
    static PAGER: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re = PAGER
        .get_or_init(|| {
            regex::Regex::new(
                r#"createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?(\d+)['"]?\s*,\s*['"]([\w-]+)['"]\s*,\s*['"](\w+)['"]"#,
            )
            .ok()
        })
        .as_ref()?;
    if let Some(c) = re.captures(html) {
        let total: u32 = c.get(1)?.as_str().parse().ok()?;
        let current: u32 = c.get(2)?.as_str().parse().ok()?;
        if current + 1 < total {
            let name = format!("{}_{}.{}", &c[3], current + 1, &c[4]);
            return page.join(&name).ok().map(|u| u.to_string());
        }
    }
    None
}
