//! What a reader sent: form fields (`email`, `regions`, `zones`, `topics`, repeated as
//! needed, and `frequency`) read into [`Submitted`], and checked against the config into
//! [`Choices`] with one message per problem, in the words the form shows.
//!
//! Invariants: everything here is hostile input: sizes are capped before anything is kept,
//! an address with CR or LF is refused before it is trimmed (it could only be meant for a
//! header), and only ids the config knows survive into [`Choices`]. Messages quote the
//! reader's text as is; whoever shows them escapes them.

use crate::config::{Config, FrequencyKind};

/// Fields read from one form at most; a form has a few dozen.
const MAX_FIELDS: usize = 4096;
/// Longest address accepted (RFC 5321: a path of 256 octets, less the brackets).
const MAX_ADDRESS: usize = 254;
/// Longer ids cannot be config ids (see `config::value::valid_id`).
const MAX_ID: usize = 100;

/// The fields as sent, capped, before any check.
#[derive(Debug, Clone, Default)]
pub struct Submitted {
    pub email: String,
    pub regions: Vec<String>,
    pub zones: Vec<String>,
    pub topics: Vec<String>,
    pub frequency: Option<String>,
    /// The manage form's "pause" box.
    pub paused: bool,
    /// Which button of the manage form was pressed (`save` or `unsubscribe`).
    pub action: Option<String>,
    /// The CSRF token the form carried.
    pub csrf: Option<String>,
    /// Reader id and link token, on the confirm and manage forms.
    pub reader: Option<String>,
    pub token: Option<String>,
    /// Problems with the form as such (too many fields).
    pub problems: Vec<String>,
}

/// What a reader chose, every id known to the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Choices {
    pub regions: Vec<String>,
    pub zones: Vec<String>,
    pub topics: Vec<String>,
    pub frequency: FrequencyKind,
}

/// Reads an `application/x-www-form-urlencoded` body (or query string). Values are capped:
/// an address at 4 × its limit (so a too-long one is still reported as such), ids at their
/// limit plus one, and at most [`MAX_FIELDS`] fields.
pub fn read_fields(body: &[u8]) -> Submitted {
    let mut s = Submitted::default();
    let cap = |v: &str, n: usize| v.chars().take(n).collect::<String>();
    for (i, (k, v)) in url::form_urlencoded::parse(body).enumerate() {
        if i >= MAX_FIELDS {
            s.problems
                .push(format!("表单字段过多（最多 {MAX_FIELDS} 个）"));
            break;
        }
        match k.as_ref() {
            "email" => s.email = cap(&v, 4 * MAX_ADDRESS),
            "regions" | "region" => s.regions.push(cap(&v, MAX_ID + 1)),
            "zones" | "zone" => s.zones.push(cap(&v, MAX_ID + 1)),
            "topics" | "topic" => s.topics.push(cap(&v, MAX_ID + 1)),
            "frequency" => s.frequency = Some(cap(&v, 20)),
            "paused" => s.paused = v == "on" || v == "1" || v == "true",
            "action" => s.action = Some(cap(&v, 20)),
            "csrf" => s.csrf = Some(cap(&v, 200)),
            "r" => s.reader = Some(cap(&v, 64)),
            "t" => s.token = Some(cap(&v, 200)),
            _ => {}
        }
    }
    for list in [&mut s.regions, &mut s.zones, &mut s.topics] {
        list.retain(|x| !x.is_empty());
        let mut seen = std::collections::HashSet::new();
        list.retain(|x| seen.insert(x.clone()));
    }
    s
}

/// An address a reader typed, checked; the reason it is refused otherwise.
pub fn check_address(raw: &str) -> Result<String, String> {
    if raw.contains(['\r', '\n']) {
        return Err("邮件地址中不能有换行符（CR/LF）".into());
    }
    let t = raw.trim();
    if t.is_empty() {
        return Err("请填写邮件地址".into());
    }
    if t.len() > MAX_ADDRESS {
        return Err(format!("邮件地址太长（最多 {MAX_ADDRESS} 个字符）"));
    }
    let not = || format!("“{t}”不是有效的邮件地址");
    // Quoted local parts, comments, IP literals and spaces are valid somewhere, but not
    // what a person types into a sign-up form; refusing them keeps headers simple.
    if t.chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"()<>[],;:\\".contains(c))
    {
        return Err(not());
    }
    let Some((local, domain)) = t.rsplit_once('@') else {
        return Err(not());
    };
    if local.is_empty()
        || !domain.contains('.')
        || domain.starts_with(['.', '-'])
        || domain.ends_with(['.', '-'])
        || domain.contains("..")
    {
        return Err(not());
    }
    crate::mail::parse_address(t).map_err(|_| not())
}

/// The submitted choices checked against the config: every unknown id, a missing or
/// unoffered frequency and an empty choice are each one message.
pub fn check_choices(config: &Config, s: &Submitted) -> Result<Choices, Vec<String>> {
    let mut problems = Vec::new();
    for r in &s.regions {
        if config.region(r).is_none() {
            problems.push(format!("未知的地区：“{r}”"));
        }
    }
    for z in &s.zones {
        if config.zone(z).is_none() {
            problems.push(format!("未知的开发区：“{z}”"));
        }
    }
    let topics = super::topics(config);
    for t in &s.topics {
        if !topics.iter().any(|x| &x.id == t) {
            problems.push(format!("未知的主题：“{t}”"));
        }
    }
    if s.regions.is_empty() && s.zones.is_empty() && s.topics.is_empty() {
        problems.push(if topics.is_empty() {
            "请至少选择一个地区或开发区".into()
        } else {
            "请至少选择一个地区、开发区或主题".into()
        });
    }
    let frequency = match s.frequency.as_deref() {
        None | Some("") => {
            problems.push("请选择发送频率".into());
            None
        }
        Some(f) => match config.signup.frequency(f) {
            Some(x) => Some(x.kind),
            None => {
                problems.push(format!("未提供的发送频率：“{f}”"));
                None
            }
        },
    };
    match frequency {
        Some(frequency) if problems.is_empty() => Ok(Choices {
            regions: s.regions.clone(),
            zones: s.zones.clone(),
            topics: s.topics.clone(),
            frequency,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_people_type_and_what_is_refused() {
        assert_eq!(
            check_address("  Reader@Example.cn "),
            Ok("Reader@Example.cn".into())
        );
        for bad in [
            "reader",
            "reader@",
            "@example.cn",
            "reader@localhost",
            "a b@example.cn",
            "\"a\"@example.cn",
            "reader@[127.0.0.1]",
            "reader@example..cn",
            "<script>@example.cn",
            "",
        ] {
            assert!(check_address(bad).is_err(), "{bad:?}");
        }
        let crlf = check_address("reader@example.cn\r\nBcc: all@example.cn");
        assert!(crlf.is_err_and(|e| e.contains("CR/LF")));
        assert!(check_address(&format!("{}@example.cn", "a".repeat(300))).is_err());
    }

    #[test]
    fn fields_repeat_are_capped_and_deduplicated() {
        let s = read_fields(
            b"email=a%40b.cn&regions=x&regions=y&regions=x&zones=&frequency=daily&csrf=t",
        );
        assert_eq!(s.email, "a@b.cn");
        assert_eq!(s.regions, vec!["x", "y"]);
        assert!(s.zones.is_empty());
        assert_eq!(s.frequency.as_deref(), Some("daily"));
        let long = format!("regions={}", "r".repeat(10_000));
        assert_eq!(read_fields(long.as_bytes()).regions[0].len(), MAX_ID + 1);
        let many = "zones=a&".repeat(MAX_FIELDS + 10);
        assert_eq!(read_fields(many.as_bytes()).problems.len(), 1);
    }
}
