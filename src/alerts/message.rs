//! What an alert says: one story, a list of stories (more were due than the rate limit
//! allows one message each), a summary of stories older than `max_age` (a channel that was
//! down), or a test. Rendered once as markdown (企业微信, 钉钉, 飞书's lark_md), plain text
//! (ntfy) and the story fields (webhook); `channel` puts them in each platform's envelope.
//!
//! Invariants: text from sources never breaks the markdown (the characters markdown reads
//! are replaced by their full-width forms in titles and names) and a link is only ever an
//! http(s) URL with the characters that would end a markdown link escaped; times are in
//! the config's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::story::StoryShown;

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Story,
    List,
    Summary,
    Test,
}

/// One message, before its platform's envelope.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub delivery: String,
    pub kind: Kind,
    /// A line: a card's header, 钉钉's title, ntfy's title.
    pub title: String,
    pub markdown: String,
    pub text: String,
    /// Where a tap goes: the story's link, else the feed.
    pub click: Option<String>,
    pub stories: Vec<StoryShown>,
    /// Summary: stories left out of its lines (they are in the feed it links).
    pub more: usize,
}

/// Markdown's own characters in text from a page, replaced by their full-width forms.
pub(crate) fn md_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            '*' => '＊',
            '_' => '＿',
            '`' => '｀',
            '<' => '＜',
            '>' => '＞',
            '#' => '＃',
            '\\' => '＼',
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect()
}

/// A link safe inside `[…](…)`, or None when it is not http(s).
pub(crate) fn md_link(link: Option<&str>) -> Option<String> {
    let u = url::Url::parse(link?).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    Some(
        u.as_str()
            .replace('(', "%28")
            .replace(')', "%29")
            .replace(' ', "%20"),
    )
}

fn when(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// Where, who and when: 苏州工业园区 · 园区新闻网 · 2026-12-07 08:00.
fn meta(s: &StoryShown, tz: Tz) -> String {
    format!(
        "{} · {} · {}",
        md_text(s.place()),
        md_text(&s.source_name),
        when(s.published, tz)
    )
}

/// One story: its headline, where, who and when, the reposts, the link.
pub(crate) fn story(delivery: String, s: &StoryShown, tz: Tz) -> Message {
    let title = md_text(&clip(&s.title, 120));
    let meta = meta(s, tz);
    let mut md = format!("**{title}**\n> {meta}");
    let mut text = meta.clone();
    if s.copies.len() > 1 {
        let others: Vec<String> = s.copies[1..]
            .iter()
            .map(|c| md_text(&c.source_name))
            .collect();
        let line = format!("另见 {} 处转载：{}", others.len(), others.join("、"));
        md.push_str(&format!("\n> {line}"));
        text.push_str(&format!("\n{line}"));
    }
    let link = md_link(s.link.as_deref());
    if let Some(l) = &link {
        md.push_str(&format!("\n\n[阅读原文]({l})"));
        text.push_str(&format!("\n{l}"));
    }
    Message {
        delivery,
        kind: Kind::Story,
        title: format!("【{}】{}", md_text(s.place()), title),
        markdown: md,
        text,
        click: link,
        stories: vec![s.clone()],
        more: 0,
    }
}

fn line(i: usize, s: &StoryShown, tz: Tz) -> (String, String) {
    let title = md_text(&clip(&s.title, 80));
    let meta = meta(s, tz);
    let reposts = if s.copies.len() > 1 {
        format!(" · {} 处转载", s.copies.len() - 1)
    } else {
        String::new()
    };
    match md_link(s.link.as_deref()) {
        Some(l) => (
            format!("{i}. [{title}]({l})\n   {meta}{reposts}"),
            format!("{i}. {title}\n   {meta}{reposts}\n   {l}"),
        ),
        None => (
            format!("{i}. **{title}**\n   {meta}{reposts}"),
            format!("{i}. {title}\n   {meta}{reposts}"),
        ),
    }
}

/// Several stories in one message, in the order given.
pub(crate) fn list(delivery: String, stories: &[StoryShown], tz: Tz, feed: &str) -> Message {
    let head = format!("zonefeed：{} 条新动态", stories.len());
    let (mut md, mut text) = (format!("**{head}**\n"), String::new());
    for (i, s) in stories.iter().enumerate() {
        let (m, t) = line(i + 1, s, tz);
        md.push('\n');
        md.push_str(&m);
        text.push_str(&t);
        text.push('\n');
    }
    Message {
        delivery,
        kind: Kind::List,
        title: head,
        markdown: md,
        text: text.trim_end().to_string(),
        click: Some(feed.to_string()),
        stories: stories.to_vec(),
        more: 0,
    }
}

/// Stories older than the alert's `max_age`: their count, the first `shown` of them as
/// lines, and the feed where all are.
pub(crate) fn summary(
    delivery: String,
    stories: &[StoryShown],
    shown: usize,
    tz: Tz,
    feed: &str,
) -> Message {
    let head = format!("zonefeed：通道中断期间的 {} 条较早动态", stories.len());
    let (mut md, mut text) = (format!("**{head}**\n"), String::new());
    for (i, s) in stories.iter().take(shown).enumerate() {
        let (m, t) = line(i + 1, s, tz);
        md.push('\n');
        md.push_str(&m);
        text.push_str(&t);
        text.push('\n');
    }
    let more = stories.len().saturating_sub(shown);
    let tail = if more > 0 {
        format!("…另有 {more} 条，全部见 {feed}")
    } else {
        format!("全部见 {feed}")
    };
    md.push_str(&format!("\n\n{tail}"));
    text.push_str(&tail);
    Message {
        delivery,
        kind: Kind::Summary,
        title: head,
        markdown: md,
        text,
        click: Some(feed.to_string()),
        stories: stories.to_vec(),
        more,
    }
}

/// `zonefeed alerts test ID`.
pub(crate) fn test(delivery: String, alert: &str, now: DateTime<Utc>, tz: Tz) -> Message {
    let head = "zonefeed：测试消息".to_string();
    let body = format!(
        "提醒 {} 已接通（{}）。新动态将发到这里。",
        md_text(alert),
        when(now, tz)
    );
    Message {
        delivery,
        kind: Kind::Test,
        title: head.clone(),
        markdown: format!("**{head}**\n> {body}"),
        text: body,
        click: None,
        stories: Vec::new(),
        more: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text_cannot_break_the_markdown_and_links_stay_links() {
        assert_eq!(
            md_text("[广告](javascript:x) **粗**\n#"),
            "［广告］(javascript:x) ＊＊粗＊＊ ＃"
        );
        assert_eq!(md_link(Some("javascript:alert(1)")), None);
        assert_eq!(
            md_link(Some("http://x.cn/a (1).html")).as_deref(),
            Some("http://x.cn/a%20%281%29.html")
        );
        assert_eq!(md_link(None), None);
    }
}
