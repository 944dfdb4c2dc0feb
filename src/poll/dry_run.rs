//! A dry poll: one configured source read and placed exactly as a poll would (charset,
//! rules, article pages, cookies), storing nothing. `zonefeed inspect --source` and the
//! daemon's `/api/sources/…/inspect` answer with it.

use anyhow::Result;

use crate::config::Config;
use crate::fetch::{CookieJar, FetchLimits, Fetcher, Validators};
use crate::model::Entry;
use crate::query::StoryJoin;

/// What `inspect --source` extracted: entries placed as the daemon would place them, and
/// (stories on) the story each would join.
pub struct SourceInspection {
    pub document: crate::poll::Document,
    pub placed: Vec<(Entry, crate::classify::Placement)>,
    /// Cookies the source's sites set during the run (kept for its later requests).
    pub cookies: usize,
    /// The source's id.
    pub source: String,
    /// In entry order; empty with stories off.
    pub joins: Vec<StoryJoin>,
    /// Rules that read but found less than they should (a date rule that read no date, a
    /// title rule that read no title): wrong rules must not pass silently.
    pub warnings: Vec<String>,
}

/// The dry run itself: read and place the source's entries, touching no store.
pub(crate) async fn dry_run(
    config: &Config,
    source: &crate::config::Source,
) -> Result<SourceInspection> {
    let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
    let jar = CookieJar::default();
    // As the first poll reads it: every page of a backfill.
    let document = super::read_source(
        &fetcher,
        config,
        source,
        &Validators::default(),
        None,
        &jar,
        source.pages,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let classifier = crate::classify::Classifier::new(config);
    let placed = document
        .entries
        .iter()
        .map(|e| (e.clone(), classifier.classify(config, source, e)))
        .collect();
    let mut warnings = rule_warnings(&source.kind, &document.entries);
    warnings.extend(
        document
            .page_errors
            .iter()
            .map(|e| format!("backfill stopped: {e}")),
    );
    Ok(SourceInspection {
        document,
        placed,
        cookies: jar.len(),
        source: source.id.clone(),
        joins: Vec::new(),
        warnings,
    })
}

/// What a source's rules failed to read in the entries they made: titles, links and (when a
/// date rule is given) dates, each named with the rule that should have read it.
pub(crate) fn rule_warnings(kind: &crate::config::SourceKind, entries: &[Entry]) -> Vec<String> {
    use crate::config::SourceKind;
    let n = entries.len();
    if n == 0 {
        return Vec::new();
    }
    let untitled = entries.iter().filter(|e| e.title.trim().is_empty()).count();
    let unlinked = entries.iter().filter(|e| e.link.is_none()).count();
    let dated = entries.iter().filter(|e| e.published.is_some()).count();
    let mut out = Vec::new();
    let (title_rule, link_rule, date_rule) = match kind {
        SourceKind::Feed => return out,
        SourceKind::Html(r) => (
            r.title
                .selector
                .as_ref()
                .map(|s| format!("title = {:?}", s.text))
                .or_else(|| {
                    r.title
                        .regex
                        .as_ref()
                        .map(|re| format!("title_regex = {:?}", re.as_str()))
                })
                .unwrap_or_else(|| "the link's text".into()),
            format!(
                "link = {:?}, link_attr = {:?}",
                r.link.as_ref().map_or("a[href]", |s| s.text.as_str()),
                r.link_attr
            ),
            r.date
                .selector
                .as_ref()
                .map(|s| format!("date = {:?}", s.text))
                .or_else(|| {
                    r.date
                        .regex
                        .as_ref()
                        .map(|re| format!("date_regex = {:?}", re.as_str()))
                }),
        ),
        SourceKind::Json(r) => match r.as_ref() {
            crate::scrape::JsonRules::Items(f) => (
                format!("title = {:?}", f.title.text),
                "link".to_string(),
                f.date.as_ref().map(|d| format!("date = {:?}", d.text)),
            ),
            crate::scrape::JsonRules::Html { .. } => return out,
        },
    };
    if untitled > 0 {
        out.push(format!(
            "{untitled} of {n} items have no title: the rule {title_rule} found nothing in them"
        ));
    }
    if unlinked > 0 {
        out.push(format!(
            "{unlinked} of {n} items have no link: the rule {link_rule} found none in them"
        ));
    }
    match date_rule {
        Some(rule) if dated == 0 => out.push(format!(
            "the rule {rule} read no date in any of the {n} items: their dates are estimated (the time first seen)"
        )),
        Some(rule) if dated * 2 < n => out.push(format!(
            "the rule {rule} read a date in only {dated} of the {n} items"
        )),
        _ => {}
    }
    out
}
