//! `zonefeed check`: the config, every problem at once with file:line:col, and the digest
//! templates when there are digests to render.

use std::path::Path;

use super::Exit;
use crate::config::{Config, SourceUrl};

/// `zonefeed check`: prints a summary and returns 0, or the problems and returns 2.
pub fn check(path: &Path) -> Exit {
    let c = match Config::load(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            eprintln!(
                "{} problem{} found",
                e.problems.len(),
                if e.problems.len() == 1 { "" } else { "s" }
            );
            return Exit::Invalid;
        }
    };
    for w in &c.warnings {
        eprintln!("warning: {w}");
    }
    // Templates are only needed (and checked) when there are digests to render, or, with
    // [signup] on, readers' digests and confirmation mails.
    if !c.subscriptions.is_empty() || c.signup.enabled {
        let mut problems = crate::digest::check_templates(&c);
        if c.signup.enabled {
            problems.extend(crate::signup::check_templates(&c));
        }
        if !problems.is_empty() {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{} template problem{} found",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
            return Exit::Invalid;
        }
    }
    println!(
        "{}: ok — {} regions, {} zones, {} sources, {} subscriptions; feeds in {}, store in {}",
        path.display(),
        c.regions.len(),
        c.zones.len(),
        c.sources.len(),
        c.subscriptions.len(),
        c.service.feeds_dir.display(),
        c.service.data_dir.display()
    );
    if !c.subscriptions.is_empty() {
        println!(
            "digests: templates in {} render; mail via {}",
            c.service.templates_dir.display(),
            match c.mail.transport {
                crate::mail::MailTransport::Smtp => format!("SMTP {}:{}", c.mail.host, c.mail.port),
                crate::mail::MailTransport::Outbox =>
                    format!("outbox {}", c.mail.outbox_dir.display()),
            }
        );
    }
    if !c.alerts.is_empty() {
        let to: Vec<String> = c
            .alerts
            .iter()
            .map(|a| format!("{} ({})", a.id, a.shown()))
            .collect();
        println!("alerts: {}", to.join(", "));
    }
    if !c.publish.targets.is_empty() {
        let to: Vec<String> = c.publish.targets.iter().map(|t| t.shown()).collect();
        println!("publish targets: {}", to.join(", "));
    }
    if c.signup.enabled
        && c.service.base_url.host_str().is_some_and(|h| {
            h == "localhost"
                || h.parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        })
    {
        println!(
            "warning: [signup] is on, but base_url {} is a loopback address: the links in confirmation mails will only work on this machine",
            c.service.base_url
        );
    }
    for s in &c.sources {
        if let SourceUrl::File(p) = &s.url
            && !p.exists()
        {
            println!(
                "warning: source {} reads {}, which does not exist",
                s.id,
                p.display()
            );
        }
    }
    Exit::Done
}
