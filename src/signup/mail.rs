//! The sign-up mail from the admin's `templates/confirm.*`: a confirmation link for a new
//! or unconfirmed address, or, for an address already subscribed, its manage link (the
//! page the form shows is the same either way, so the form tells nobody which it was).
//!
//! Invariants: the templates are strict like the digest's, and the subject is one line.

use std::time::SystemTime;

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::Config;
use crate::digest::{template_env, template_error};
use crate::mail::{OutgoingMail, domain_of};
use crate::store::Reader;

pub const TEMPLATE_SUBJECT: &str = "confirm.subject.txt";
pub const TEMPLATE_TEXT: &str = "confirm.txt";
pub const TEMPLATE_HTML: &str = "confirm.html";

/// What the confirmation templates see.
#[derive(Serialize)]
pub(super) struct ConfirmView {
    email: String,
    /// The address was already subscribed: `manage_url` is set, `confirm_url` is empty.
    confirmed: bool,
    confirm_url: String,
    manage_url: Option<String>,
    /// When the confirmation link stops working, in the sign-up time zone.
    expires: String,
    frequency: String,
    regions: Vec<String>,
    zones: Vec<String>,
    topics: Vec<String>,
}

pub(super) fn view(
    config: &Config,
    r: &Reader,
    confirm_url: Option<String>,
    manage_url: Option<String>,
) -> ConfirmView {
    let tz = config.signup.timezone;
    let names = super::choice_names(config, r);
    ConfirmView {
        email: r.email.clone(),
        confirmed: confirm_url.is_none(),
        confirm_url: confirm_url.unwrap_or_default(),
        manage_url,
        expires: r
            .confirm_expires
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default(),
        frequency: names.frequency,
        regions: names.regions,
        zones: names.zones,
        topics: names.topics,
    }
}

/// The message for `v`, ready for [`crate::mail::Mailer::send`].
pub(super) fn compose(
    config: &Config,
    v: &ConfirmView,
    now: DateTime<Utc>,
) -> Result<OutgoingMail> {
    let env = template_env(config);
    let ctx = minijinja::Value::from(minijinja::value::Serde(v));
    let render = |name: &str| -> Result<String> {
        env.get_template(name)
            .and_then(|t| t.render(&ctx))
            .map_err(|e| anyhow::anyhow!(template_error(config, name, &e)))
    };
    // One line: neither the template nor the address may add a header.
    let subject = render(TEMPLATE_SUBJECT)?
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut r = [0u8; 8];
    getrandom::getrandom(&mut r).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(OutgoingMail {
        to_name: None,
        to_addr: v.email.clone(),
        subject,
        text: render(TEMPLATE_TEXT)?,
        html: render(TEMPLATE_HTML)?,
        message_id: format!(
            "signup.{}.{}@{}",
            now.format("%Y%m%d%H%M%S"),
            crate::parse::hex(&r),
            domain_of(&config.mail.from_addr)
        ),
        date: SystemTime::from(now),
        headers: vec![("Auto-Submitted", "auto-generated".into())],
    })
}

/// Loads and test-renders the confirmation templates (both kinds of mail); one message per
/// problem (`file:line: …`).
pub fn check_templates(config: &Config) -> Vec<String> {
    let dir = &config.service.templates_dir;
    let mut problems = Vec::new();
    for name in [TEMPLATE_SUBJECT, TEMPLATE_TEXT, TEMPLATE_HTML] {
        if !dir.join(name).is_file() {
            problems.push(format!("{}: missing template", dir.join(name).display()));
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let now = Utc::now();
    let sample = Reader {
        id: "r.sample".into(),
        email: "reader@example.cn".into(),
        status: crate::store::ReaderStatus::Pending,
        paused: false,
        regions: config
            .regions
            .first()
            .map(|r| vec![r.id.clone()])
            .unwrap_or_default(),
        zones: config
            .zones
            .first()
            .map(|z| vec![z.id.clone()])
            .unwrap_or_default(),
        topics: vec![],
        frequency: "daily".into(),
        created: now,
        confirmed: None,
        unsubscribed: None,
        confirm_hash: None,
        confirm_expires: Some(now),
    };
    let base = &config.service.base_url;
    for v in [
        view(
            config,
            &sample,
            Some(format!("{base}confirm?r=r.sample&t=0")),
            None,
        ),
        view(
            config,
            &sample,
            None,
            Some(format!("{base}manage?r=r.sample&t=0")),
        ),
    ] {
        if let Err(e) = compose(config, &v, now) {
            problems.push(format!("{e:#}"));
            break;
        }
    }
    problems
}
