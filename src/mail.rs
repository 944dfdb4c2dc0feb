//! Building and delivering email. The only module that uses lettre.
//!
//! Two transports: SMTP (none / STARTTLS / implicit TLS, optional AUTH, pooled connections,
//! timeouts) and an outbox folder that receives `.eml` files (offline installs, tests).
//! The outbox file is named after the Message-ID, so delivering the same message twice
//! leaves one file, and it is written atomically.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{Mail, MailTls, MailTransport};

/// One message ready to send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub to_name: Option<String>,
    pub to_addr: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Without angle brackets.
    pub message_id: String,
    pub date: SystemTime,
    /// Extra headers, ASCII only (List-Id, List-Unsubscribe, …).
    pub headers: Vec<(&'static str, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("SMTP {host}:{port}: {error}")]
    Smtp {
        host: String,
        port: u16,
        error: String,
    },
    #[error("outbox {path}: {error}")]
    Outbox { path: String, error: String },
}

/// `Name <addr>` or `addr`: (display name, address).
pub fn parse_mailbox(s: &str) -> Result<(Option<String>, String), String> {
    let m: Mailbox = s.trim().parse().map_err(|e| {
        format!("{s:?} is not a mailbox such as \"投促中国 <digest@example.cn>\": {e}")
    })?;
    Ok((m.name.filter(|n| !n.is_empty()), m.email.to_string()))
}

/// A bare address, checked.
pub fn parse_address(s: &str) -> Result<String, String> {
    s.trim()
        .parse::<Address>()
        .map(|a| a.to_string())
        .map_err(|e| format!("{s:?} is not an email address: {e}"))
}

/// The domain part of an address (for Message-IDs and List-Ids).
pub fn domain_of(addr: &str) -> &str {
    addr.rsplit_once('@').map(|(_, d)| d).unwrap_or("localhost")
}

enum Transport {
    Smtp(Box<AsyncSmtpTransport<Tokio1Executor>>),
    Outbox(PathBuf),
}

/// Sends messages through the configured transport. Build once and reuse: the SMTP
/// transport keeps a pool of connections.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    host: String,
    port: u16,
}

impl Mailer {
    /// Must be called inside a tokio runtime (lettre's async transport needs one).
    pub fn new(mail: &Mail) -> anyhow::Result<Mailer> {
        let from = Mailbox::new(
            mail.from_name.clone(),
            mail.from_addr
                .parse()
                .map_err(|e| anyhow::anyhow!("[mail] from: {e}"))?,
        );
        let transport = match mail.transport {
            MailTransport::Outbox => Transport::Outbox(mail.outbox_dir.clone()),
            MailTransport::Smtp => {
                let _ = rustls::crypto::ring::default_provider().install_default();
                let mut b = match mail.tls {
                    MailTls::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&mail.host)
                    }
                    MailTls::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&mail.host)
                            .map_err(|e| anyhow::anyhow!("[mail] host {}: {e}", mail.host))?
                    }
                    MailTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&mail.host)
                        .map_err(|e| anyhow::anyhow!("[mail] host {}: {e}", mail.host))?,
                };
                b = b.port(mail.port).timeout(Some(mail.timeout)).pool_config(
                    PoolConfig::new()
                        .max_size(4)
                        .idle_timeout(Duration::from_secs(60)),
                );
                if let Some(user) = &mail.username {
                    let var = mail
                        .password_env
                        .as_deref()
                        .unwrap_or("ZONEFEED_SMTP_PASSWORD");
                    let password = std::env::var(var).map_err(|_| {
                        anyhow::anyhow!(
                            "[mail] password_env: environment variable {var} is not set (it must hold the SMTP password for {user})"
                        )
                    })?;
                    b = b.credentials(Credentials::new(user.clone(), password));
                }
                Transport::Smtp(Box::new(b.build()))
            }
        };
        Ok(Mailer {
            transport,
            from,
            host: mail.host.clone(),
            port: mail.port,
        })
    }

    /// The message as it goes on the wire (CRLF line endings).
    pub fn format(&self, mail: &OutgoingMail) -> Result<Vec<u8>, MailError> {
        Ok(self.build(mail)?.formatted())
    }

    fn build(&self, mail: &OutgoingMail) -> Result<Message, MailError> {
        let to = Mailbox::new(
            mail.to_name.clone(),
            mail.to_addr
                .parse()
                .map_err(|e| MailError::Build(format!("to {}: {e}", mail.to_addr)))?,
        );
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .date(mail.date)
            .message_id(Some(format!("<{}>", mail.message_id)));
        for (name, value) in &mail.headers {
            if !value.is_ascii() || value.contains(['\r', '\n']) {
                return Err(MailError::Build(format!(
                    "header {name} must be one ASCII line"
                )));
            }
            b = b.raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str(name),
                value.clone(),
            ));
        }
        // multipart/alternative: plain text first, HTML last (the preferred part, RFC 2046).
        b.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(mail.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.html.clone()),
                ),
        )
        .map_err(|e| MailError::Build(e.to_string()))
    }

    /// Delivers one message. Ok means the server (or the outbox) accepted it.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = self.build(mail)?;
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(message).await.map_err(|e| MailError::Smtp {
                    host: self.host.clone(),
                    port: self.port,
                    error: error_chain(&e),
                })?;
                Ok(())
            }
            Transport::Outbox(dir) => {
                let bytes = message.formatted();
                let name: String = mail
                    .message_id
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let path = dir.join(format!("{name}.eml"));
                let dir = dir.clone();
                tokio::task::spawn_blocking(move || {
                    std::fs::create_dir_all(&dir)?;
                    let tmp = dir.join(format!(".{name}.tmp"));
                    std::fs::write(&tmp, &bytes)?;
                    std::fs::File::open(&tmp)?.sync_all()?;
                    std::fs::rename(&tmp, &path)
                })
                .await
                .map_err(|e| MailError::Outbox {
                    path: dir_display(&self.transport),
                    error: e.to_string(),
                })?
                .map_err(|e| MailError::Outbox {
                    path: dir_display(&self.transport),
                    error: e.to_string(),
                })
            }
        }
    }
}

fn dir_display(t: &Transport) -> String {
    match t {
        Transport::Outbox(d) => d.display().to_string(),
        Transport::Smtp(_) => String::new(),
    }
}

use crate::error_chain;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailboxes_and_addresses() {
        assert_eq!(
            parse_mailbox("投促中国 <digest@example.cn>"),
            Ok((Some("投促中国".into()), "digest@example.cn".into()))
        );
        assert_eq!(parse_mailbox("a@b.cn"), Ok((None, "a@b.cn".into())));
        assert!(parse_mailbox("not an address").is_err());
        assert!(parse_address("alice@example.com").is_ok());
        assert!(parse_address("alice@").is_err());
        assert_eq!(domain_of("a@b.cn"), "b.cn");
    }
}
