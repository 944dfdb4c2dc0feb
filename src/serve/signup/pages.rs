//! The HTML of the sign-up, confirm and manage pages: plain forms that work without script
//! (there is none, and the CSP forbids it), in one narrow column that suits a phone.
//!
//! Invariants: every text and attribute that comes from a request, the store or the config
//! is escaped here (`text`, `attr`); form actions are relative, so the pages work under a
//! `base_url` with a path; regions are the same tree as `index.html`.

use std::collections::HashSet;

use chrono::Utc;

use crate::config::{Config, Region};

pub(super) use crate::escape::{attr, text};

/// The published pages' style (one look across the site), then what forms need: a card on
/// a grey ground, and labels as flex rows so a long zone name wraps beside its checkbox,
/// never under it (a 390 px phone wrapped 苏州工业园区… under the box).
const FORM_STYLE: &str = "body{background:#f4f5f7}main{max-width:640px;margin:0 auto;padding:16px;background:#fff;border-radius:6px;box-sizing:border-box}\
nav{max-width:640px;margin:0 auto 8px}fieldset{border:1px solid #ddd;border-radius:6px;margin:0 0 16px;padding:8px 12px}\
legend{font-weight:600;padding:0 4px}ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.4em}ul.tree{padding-left:0}\
label{display:flex;align-items:flex-start;gap:6px;padding:6px 0;min-height:24px;overflow-wrap:anywhere}legend label{display:inline}\
input[type=checkbox],input[type=radio]{flex:none;width:20px;height:20px;margin:2px 0 0}\
input[type=email]{width:100%;box-sizing:border-box;font-size:16px;padding:10px;border:1px solid #bbb;border-radius:4px}\
button{font-size:16px;padding:10px 22px;border:0;border-radius:4px;background:#c8102e;color:#fff;margin:4px 8px 4px 0}\
button.secondary{background:#666}.errors{background:#fdecea;border:1px solid #f5c2c0;padding:8px 12px;border-radius:4px}\
.note{background:#e8f4ea;border:1px solid #b9dcc0;padding:8px 12px;border-radius:4px}.muted{color:#666;font-size:13px}";

/// A whole page around `body`, with the way back to the home page every page has.
pub(super) fn shell(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t} · 开发区新闻</title>\n<link rel=\"icon\" href=\"favicon.ico\">\n<style>{page}{FORM_STYLE}</style>\n</head>\n<body>\n<nav><a href=\"index.html\">开发区新闻首页</a></nav>\n<main>\n<h1>{t}</h1>\n{body}\n</main>\n</body>\n</html>\n",
        t = text(title),
        page = crate::publish::PAGE_STYLE,
    )
}

/// A page of messages (each escaped) and, optionally, a link.
pub(super) fn message(title: &str, lines: &[String], link: Option<(&str, &str)>) -> String {
    let mut b = String::new();
    for l in lines {
        b.push_str(&format!("<p>{}</p>\n", text(l)));
    }
    if let Some((href, label)) = link {
        b.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            attr(href),
            text(label)
        ));
    }
    shell(title, &b)
}

/// What the form shows ticked and typed.
#[derive(Default)]
pub(super) struct Prefill {
    pub email: String,
    pub regions: HashSet<String>,
    pub zones: HashSet<String>,
    pub topics: HashSet<String>,
    pub frequency: Option<String>,
    pub paused: bool,
}

/// The sign-up form. `errors` are shown above it (escaped).
pub(super) fn signup_form(config: &Config, p: &Prefill, csrf: &str, errors: &[String]) -> String {
    let mut b = String::new();
    push_errors(&mut b, errors);
    b.push_str("<p>每期一封邮件，汇总您选择的地区和开发区的新闻。提交后我们会发一封确认邮件，点击其中的链接并确认后才开始发送。</p>\n");
    b.push_str("<form method=\"post\" action=\"subscribe\">\n");
    b.push_str(&format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">\n",
        attr(csrf)
    ));
    b.push_str(&format!(
        "<fieldset><legend><label for=\"email\">邮件地址</label></legend><input type=\"email\" id=\"email\" name=\"email\" required maxlength=\"254\" autocomplete=\"email\" value=\"{}\"></fieldset>\n",
        attr(&p.email)
    ));
    push_choices(&mut b, config, p);
    b.push_str("<button type=\"submit\">订阅</button>\n</form>\n");
    b.push_str("<p class=\"muted\">我们只保存您的邮件地址和选择：未确认的登记在确认链接过期后删除，退订 30 天后删除。</p>\n");
    shell("订阅开发区新闻摘要", &b)
}

/// The manage form: the reader's choices pre-filled, pause, save and unsubscribe.
pub(super) fn manage_form(
    config: &Config,
    email: &str,
    p: &Prefill,
    (reader, token): (&str, &str),
    csrf: &str,
    errors: &[String],
    notice: Option<&str>,
) -> String {
    let mut b = String::new();
    if let Some(n) = notice {
        b.push_str(&format!("<p class=\"note\">{}</p>\n", text(n)));
    }
    push_errors(&mut b, errors);
    b.push_str(&format!(
        "<p>订阅地址：<strong>{}</strong></p>\n<form method=\"post\" action=\"manage\">\n",
        text(email)
    ));
    for (name, value) in [("csrf", csrf), ("r", reader), ("t", token)] {
        b.push_str(&format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
            attr(value)
        ));
    }
    push_choices(&mut b, config, p);
    b.push_str(&format!(
        "<fieldset><legend>暂停</legend><label><input type=\"checkbox\" name=\"paused\" value=\"on\"{}>暂停发送（保留订阅，随时可恢复）</label></fieldset>\n",
        if p.paused { " checked" } else { "" }
    ));
    b.push_str("<button type=\"submit\" name=\"action\" value=\"save\">保存</button>\n<button type=\"submit\" name=\"action\" value=\"unsubscribe\" class=\"secondary\">退订</button>\n</form>\n");
    shell("管理订阅", &b)
}

/// The confirmation page behind the mailed link: what was chosen, and the one button.
pub(super) fn confirm_form(
    email: &str,
    names: &crate::signup::ChoiceNames,
    (reader, token): (&str, &str),
    csrf: &str,
) -> String {
    let mut b = format!(
        "<p>确认用 <strong>{}</strong> 订阅开发区新闻摘要（{}）：</p>\n<ul>\n",
        text(email),
        text(&names.frequency)
    );
    for r in &names.regions {
        b.push_str(&format!("<li>地区：{}</li>\n", text(r)));
    }
    for z in &names.zones {
        b.push_str(&format!("<li>开发区：{}</li>\n", text(z)));
    }
    for t in &names.topics {
        b.push_str(&format!("<li>主题：{}</li>\n", text(t)));
    }
    b.push_str("</ul>\n<form method=\"post\" action=\"confirm\">\n");
    for (name, value) in [("csrf", csrf), ("r", reader), ("t", token)] {
        b.push_str(&format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">\n",
            attr(value)
        ));
    }
    b.push_str("<button type=\"submit\">确认订阅</button>\n</form>\n<p class=\"muted\">打开此页面不会订阅任何内容；只有点击按钮才会确认。</p>\n");
    shell("确认订阅", &b)
}

fn push_errors(b: &mut String, errors: &[String]) {
    if errors.is_empty() {
        return;
    }
    b.push_str("<div class=\"errors\" role=\"alert\"><p>请修改以下问题：</p><ul>\n");
    for e in errors {
        b.push_str(&format!("<li>{}</li>\n", text(e)));
    }
    b.push_str("</ul></div>\n");
}

/// Regions (the tree of `index.html`), zones, topics (when there are any) and frequency.
fn push_choices(b: &mut String, config: &Config, p: &Prefill) {
    let checked = |set: &HashSet<String>, id: &str| if set.contains(id) { " checked" } else { "" };
    b.push_str("<fieldset><legend>地区</legend>\n<ul class=\"tree\">\n");
    fn tree(config: &Config, parent: Option<&str>, b: &mut String, p: &Prefill, depth: usize) {
        if depth > 32 {
            return;
        }
        for r in config.child_regions(parent) {
            region_row(config, r, b, p);
            if !config.child_regions(Some(&r.id)).is_empty() {
                b.push_str("<ul>\n");
                tree(config, Some(&r.id), b, p, depth + 1);
                b.push_str("</ul>\n");
            }
            b.push_str("</li>\n");
        }
    }
    fn region_row(_config: &Config, r: &Region, b: &mut String, p: &Prefill) {
        b.push_str(&format!(
            "<li><label><input type=\"checkbox\" name=\"regions\" value=\"{}\"{}>{}</label>\n",
            attr(&r.id),
            if p.regions.contains(&r.id) {
                " checked"
            } else {
                ""
            },
            text(&r.name)
        ));
    }
    tree(config, None, b, p, 0);
    b.push_str("</ul>\n<p class=\"muted\">选择一个地区即包括其下所有地区。</p></fieldset>\n");
    if !config.zones.is_empty() {
        b.push_str("<fieldset><legend>开发区</legend>\n<ul class=\"tree\">\n");
        for z in &config.zones {
            b.push_str(&format!(
                "<li><label><input type=\"checkbox\" name=\"zones\" value=\"{}\"{}>{} <span class=\"muted\">{}</span></label></li>\n",
                attr(&z.id),
                checked(&p.zones, &z.id),
                text(&z.name),
                text(&config.region_path(&z.region))
            ));
        }
        b.push_str("</ul></fieldset>\n");
    }
    // Topics: the config's `[[topics]]` (see `signup::topics`); no fieldset when none.
    let topics = crate::signup::topics(config);
    if !topics.is_empty() {
        b.push_str("<fieldset><legend>主题</legend>\n<ul class=\"tree\">\n");
        for t in &topics {
            b.push_str(&format!(
                "<li><label><input type=\"checkbox\" name=\"topics\" value=\"{}\"{}>{}</label></li>\n",
                attr(&t.id),
                checked(&p.topics, &t.id),
                text(&t.name)
            ));
        }
        b.push_str("</ul></fieldset>\n");
    }
    b.push_str("<fieldset><legend>发送频率</legend>\n");
    let now = Utc::now();
    let tz = config.signup.timezone;
    let chosen = p
        .frequency
        .as_deref()
        .filter(|f| config.signup.frequency(f).is_some())
        .or(config.signup.frequencies.first().map(|f| f.kind.name()));
    for f in &config.signup.frequencies {
        let next = f
            .schedule
            .next_after(now, tz)
            .map(|t| {
                format!(
                    "，下次发送 {}",
                    t.with_timezone(&tz).format("%Y-%m-%d %H:%M")
                )
            })
            .unwrap_or_default();
        b.push_str(&format!(
            "<label><input type=\"radio\" name=\"frequency\" value=\"{}\"{}>{}<span class=\"muted\">{}</span></label>\n",
            attr(f.kind.name()),
            if chosen == Some(f.kind.name()) { " checked" } else { "" },
            text(f.kind.label()),
            text(&next)
        ));
    }
    b.push_str("</fieldset>\n");
}
