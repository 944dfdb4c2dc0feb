//! Text forms used to compare copies of a story: the title key (labels, source notes,
//! punctuation and width differences removed), the link key, and the article's body split
//! into paragraphs with the lines reposting sites add (来源, 责任编辑, photo captions) dropped.
//!
//! Invariants: pure functions of their input; every form is NFKC-folded and lowercased, so
//! full-width and half-width spellings (`（图）`/`(图)`, `２０２６`/`2026`) give the same key.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// NFKC (full-width ASCII, compatibility ideographs and circled digits folded) and lowercase.
pub(crate) fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).collect()
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| match Regex::new(pattern) {
        Ok(r) => r,
        // The patterns are constants; a test compiles each of them.
        Err(e) => unreachable!("story pattern {pattern:?}: {e}"),
    })
}

/// Bracketed labels reposting sites put around a title: 【签约】, [图文], （图）, (转载).
fn title_labels() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"【[^】]{0,20}】|\[[^\]]{0,12}\]|〖[^〗]{0,20}〗|\((?:组图|附图|多图|图文|图|视频|转载|转|原创|推荐|置顶|更新)\)",
    )
}

/// Notes naming where a copy came from, at the end of a title: (来源:南通日报),
/// 来源:南通日报, ——南通日报, _南通市人民政府网.
fn title_source_note() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:\((?:来源|稿源|转自|摘自)[:：]?[^()]{0,30}\)|(?:来源|稿源|转自|摘自)[:：][^()]{0,30}|(?:——|--|—|_|\|| - )[\p{Han}a-z0-9]{2,16}(?:日报|晚报|时报|新闻网|新闻|网|报|政府|管委会|门户网站|门户|融媒体中心|商务厅|商务局))\s*$",
    )
}

/// Repost markers before a title: 转载：, 转：, 原创：.
fn title_prefix() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^\s*(?:转载|转发|转|原创|图文|视频|快讯)\s*[:：]\s*")
}

/// The title as copies of one story share it: labels, repost markers and source notes
/// removed, then only letters and digits kept (punctuation and spaces differ between
/// sites: `南通高新区：3个项目签约` and `南通高新区 3个项目签约!` are one title).
pub fn title_key(title: &str) -> String {
    let mut t = fold(title);
    // Labels may be nested in what a note removes and the reverse; two rounds settle it.
    for _ in 0..2 {
        t = title_labels().replace_all(&t, "").into_owned();
        t = title_prefix().replace(&t, "").into_owned();
        t = title_source_note().replace(t.trim_end(), "").into_owned();
    }
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The link as copies of one article share it: no scheme, host without `www.`, no
/// fragment, no tracking parameters, no trailing slash (`http://www.x.cn/a/?utm_source=y`
/// and `https://x.cn/a` are one link).
pub fn link_key(link: &str) -> Option<String> {
    let u = url::Url::parse(link.trim()).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let mut key = String::with_capacity(link.len());
    key.push_str(host);
    if let Some(port) = u.port() {
        key.push(':');
        key.push_str(&port.to_string());
    }
    key.push_str(u.path().trim_end_matches('/'));
    let kept: Vec<String> = u
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "spm" && k != "from")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !kept.is_empty() {
        key.push('?');
        key.push_str(&kept.join("&"));
    }
    Some(key)
}

/// Where an HTML body breaks into paragraphs (and lines).
fn block_start() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)<(?:p|br|div|li|h[1-6]|tr|td|table|section|figure|figcaption|blockquote|center)\b",
    )
}

/// Lines a reposting site adds or drops, never the story: 来源, 责任编辑, 发布时间, counters,
/// share and print links.
fn boilerplate_line() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^[\(\[【]?(?:责任编辑|责编|编辑|编审|审核|审校|校对|一审|二审|三审|初审|复审|终审|监制|出品|排版|美编|来源|稿源|信息来源|文章来源|作者|撰稿|记者|通讯员|摄影|摄像|图片|图片来源|供稿|发布时间|发布日期|发布机构|更新时间|浏览次数|阅读次数|点击数|访问量|字号|分享到|扫一扫|打印|关闭|【打印】|【关闭】|上一篇|下一篇|相关链接|附件)\s*[:：]?",
    )
}

/// Notes inside a paragraph that name the copy's origin or its photographer: （来源：南通日报）,
/// （记者 张三 通讯员 李四）, （图）.
fn inline_note() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\((?:来源|稿源|记者|通讯员|作者|编辑|责任编辑|摄|摄影|图|组图|图文|本报记者)[^()]{0,40}\)",
    )
}

/// The article's text as paragraphs, each folded, with what reposts add or drop removed:
/// boilerplate lines (来源, 责任编辑, 发布时间 …), photo captions (图为…) and origin notes.
pub fn body_paragraphs(html: &str) -> Vec<String> {
    let mut cuts: Vec<usize> = block_start().find_iter(html).map(|m| m.start()).collect();
    cuts.push(html.len());
    let mut out = Vec::new();
    let mut from = 0;
    for cut in cuts {
        let Some(piece) = html.get(from..cut) else {
            continue;
        };
        from = cut;
        let text = fold(&crate::parse::html_to_text(piece));
        let text = inline_note().replace_all(&text, "");
        let text = dateline().replace(text.trim_start(), "");
        let text = text.trim();
        if text.is_empty() || is_boilerplate(text) {
            continue;
        }
        out.push(text.to_string());
    }
    out
}

/// What a WeChat account puts around an article (点击蓝字关注我们, 点个“在看”, 阅读原文,
/// 长按识别二维码): in a short line, never the story.
const WECHAT_FRAME: &[&str] = &[
    "点击蓝字",
    "关注我们",
    "阅读原文",
    "在看",
    "点赞",
    "星标",
    "长按",
    "扫码",
    "二维码",
    "往期推荐",
    "推荐阅读",
    "戳这里",
    "转发",
    "分享给",
];

/// A paper's dateline before the story: 本报讯, 本报南通讯 (the reporter's note in
/// brackets after it is an inline note).
fn dateline() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^本报(?:[\p{Han}]{1,4})?讯\s*")
}

fn is_boilerplate(line: &str) -> bool {
    if boilerplate_line().is_match(line) {
        return true;
    }
    if line.chars().count() <= 30 && WECHAT_FRAME.iter().any(|w| line.contains(w)) {
        return true;
    }
    // Photo captions a copy adds with its extra picture: 图为签约现场。 / 图：签约仪式现场
    let caption = line.starts_with("图为") || line.starts_with("图:") || line.starts_with("图：");
    caption && line.chars().count() <= 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_notes_and_width_do_not_change_the_title_key() {
        let base = title_key("南通高新区3个重大项目集中签约");
        for t in [
            "【签约】南通高新区3个重大项目集中签约",
            "南通高新区3个重大项目集中签约（图）",
            "南通高新区３个重大项目集中签约(组图)",
            "转载：南通高新区3个重大项目集中签约",
            "南通高新区3个重大项目集中签约（来源：南通日报）",
            "南通高新区 3 个重大项目集中签约！",
            "[图文]南通高新区3个重大项目集中签约——南通日报",
        ] {
            assert_eq!(title_key(t), base, "{t}");
        }
        // Parenthesised words that are part of the news stay.
        assert_ne!(
            title_key("南通高新区重点项目名单（第二批）"),
            title_key("南通高新区重点项目名单（第三批）")
        );
    }

    #[test]
    fn link_keys_ignore_scheme_www_tracking_and_fragments() {
        assert_eq!(
            link_key("http://www.x.cn/news/1.html?utm_source=wx#top"),
            link_key("https://x.cn/news/1.html")
        );
        assert_ne!(
            link_key("http://x.cn/a?id=1"),
            link_key("http://x.cn/a?id=2")
        );
        assert_eq!(link_key("not a link"), None);
    }

    #[test]
    fn boilerplate_lines_and_notes_are_dropped() {
        let html = "<p>9月28日，南通高新区举行签约仪式。（来源：南通日报）</p><p>图为签约现场。</p>\
                    <p>责任编辑：王五</p><p>来源：投促中国</p><p>总投资45亿元。</p>";
        assert_eq!(
            body_paragraphs(html),
            ["9月28日,南通高新区举行签约仪式。", "总投资45亿元。"]
        );
        let wechat = "<p>点击蓝字 关注我们</p><p>🔥🔥</p><p>本报讯（记者 张三 通讯员 李四）9月28日，\
                      南通高新区举行签约仪式。</p><p>觉得不错，请点个“在看”</p><p>审核：赵六</p>";
        assert_eq!(
            body_paragraphs(wechat),
            ["🔥🔥", "9月28日,南通高新区举行签约仪式。"]
        );
    }
}
