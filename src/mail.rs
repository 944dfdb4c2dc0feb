//! Building and delivering email. The only module that uses lettre.
//!
//! Two transports: SMTP (none / STARTTLS / implicit TLS, optional AUTH, pooled connections,
//! timeouts) and an outbox folder that receives `.eml` files (offline installs, tests).
//!
//! Plain and STARTTLS connections are opened here, with TCP_NODELAY, and handed to lettre's
//! connection type; lettre's own transport opens sockets without it. lettre writes the
//! end-of-data `.` in a small write of its own, which Nagle's algorithm holds until the
//! server ACKs the body, and servers delay that ACK (40 ms on Linux) while they wait for
//! the end of data: every message stalled ~40 ms (measured with strace by the crash test),
//! capping delivery at ~25 messages/s per connection and widening the window in which a
//! crash after the server's acceptance makes a digest go out twice.
//! The outbox file is named after the Message-ID, so delivering the same message twice
//! leaves one file, and it is written atomically.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
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
    /// Plain or STARTTLS: our pool of lettre connections over sockets we open.
    Smtp(Box<SmtpPool>),
    /// Implicit TLS (port 465): lettre's own pooled transport.
    SmtpTls(Box<AsyncSmtpTransport<Tokio1Executor>>),
    Outbox(PathBuf),
}

/// Connections kept open between messages, at most `MAX_CONNECTIONS` in use at once.
struct SmtpPool {
    host: String,
    port: u16,
    starttls: bool,
    timeout: Duration,
    credentials: Option<Credentials>,
    hello: ClientId,
    idle: std::sync::Mutex<Vec<(AsyncSmtpConnection, std::time::Instant)>>,
    permits: tokio::sync::Semaphore,
}

const MAX_CONNECTIONS: usize = 4;
/// Servers close idle sessions (RFC 5321 suggests 5 minutes; many use less).
const MAX_IDLE: Duration = Duration::from_secs(60);

impl SmtpPool {
    async fn connect(&self) -> Result<AsyncSmtpConnection, String> {
        let t = self.timeout;
        let tcp = tokio::time::timeout(
            t,
            tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|_| format!("connect timed out after {t:?}"))?
        .map_err(|e| format!("connect: {e}"))?;
        tcp.set_nodelay(true)
            .map_err(|e| format!("TCP_NODELAY: {e}"))?;
        let mut conn = tokio::time::timeout(
            t,
            AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello),
        )
        .await
        .map_err(|_| format!("greeting timed out after {t:?}"))?
        .map_err(|e| error_chain(&e))?;
        if self.starttls {
            if !conn.can_starttls() {
                return Err("the server does not offer STARTTLS (tls = \"starttls\")".into());
            }
            let params = TlsParameters::new(self.host.clone()).map_err(|e| error_chain(&e))?;
            tokio::time::timeout(t, conn.starttls(params, &self.hello))
                .await
                .map_err(|_| format!("STARTTLS timed out after {t:?}"))?
                .map_err(|e| error_chain(&e))?;
        }
        if let Some(c) = &self.credentials {
            tokio::time::timeout(t, conn.auth(&[Mechanism::Plain, Mechanism::Login], c))
                .await
                .map_err(|_| format!("AUTH timed out after {t:?}"))?
                .map_err(|e| error_chain(&e))?;
        }
        Ok(conn)
    }

    /// A connection known to be alive: an idle one that still answers NOOP, or a new one.
    /// Checking before use (rather than retrying after a failure) means a message is never
    /// sent twice because its first attempt failed after the server took it.
    async fn checkout(&self) -> Result<AsyncSmtpConnection, String> {
        loop {
            let idle = match self.idle.lock() {
                Ok(mut v) => v.pop(),
                Err(e) => e.into_inner().pop(),
            };
            let Some((mut conn, since)) = idle else {
                return self.connect().await;
            };
            if since.elapsed() > MAX_IDLE || conn.has_broken() {
                conn.abort().await;
                continue;
            }
            // A session idle for a moment is still open; after longer, ask.
            if since.elapsed() < Duration::from_secs(2)
                || tokio::time::timeout(self.timeout, conn.test_connected())
                    .await
                    .unwrap_or(false)
            {
                return Ok(conn);
            }
            conn.abort().await;
        }
    }

    async fn send(&self, message: &Message) -> Result<(), String> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| "mailer closed".to_string())?;
        let mut conn = self.checkout().await?;
        let bytes = message.formatted();
        // Long enough for a big digest on a slow link; each read also has `timeout`.
        let limit = self.timeout * 4;
        match tokio::time::timeout(limit, conn.send(message.envelope(), &bytes)).await {
            Ok(Ok(_)) => {
                match self.idle.lock() {
                    Ok(mut v) => v.push((conn, std::time::Instant::now())),
                    Err(e) => e.into_inner().push((conn, std::time::Instant::now())),
                }
                Ok(())
            }
            Ok(Err(e)) => {
                conn.abort().await;
                Err(error_chain(&e))
            }
            Err(_) => {
                conn.abort().await;
                Err(format!("message not accepted within {limit:?}"))
            }
        }
    }
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
                let credentials = match &mail.username {
                    Some(user) => {
                        let var = mail
                            .password_env
                            .as_deref()
                            .unwrap_or("ZONEFEED_SMTP_PASSWORD");
                        let password = std::env::var(var).map_err(|_| {
                            anyhow::anyhow!(
                                "[mail] password_env: environment variable {var} is not set (it must hold the SMTP password for {user})"
                            )
                        })?;
                        Some(Credentials::new(user.clone(), password))
                    }
                    None => None,
                };
                match mail.tls {
                    MailTls::None | MailTls::Starttls => Transport::Smtp(Box::new(SmtpPool {
                        host: mail.host.clone(),
                        port: mail.port,
                        starttls: mail.tls == MailTls::Starttls,
                        timeout: mail.timeout,
                        credentials,
                        hello: ClientId::default(),
                        idle: std::sync::Mutex::default(),
                        permits: tokio::sync::Semaphore::new(MAX_CONNECTIONS),
                    })),
                    MailTls::Tls => {
                        let mut b = AsyncSmtpTransport::<Tokio1Executor>::relay(&mail.host)
                            .map_err(|e| anyhow::anyhow!("[mail] host {}: {e}", mail.host))?
                            .port(mail.port)
                            .timeout(Some(mail.timeout))
                            .pool_config(
                                PoolConfig::new()
                                    .max_size(MAX_CONNECTIONS as u32)
                                    .idle_timeout(MAX_IDLE),
                            );
                        if let Some(c) = credentials {
                            b = b.credentials(c);
                        }
                        Transport::SmtpTls(Box::new(b.build()))
                    }
                }
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
        // lettre panics formatting a display name with a line break in it (no injection,
        // but the send task dies): names and subjects are one line (`clean_text` collapses
        // every run of whitespace, CR and LF included, and drops control characters).
        let to = Mailbox::new(
            mail.to_name.as_deref().map(crate::parse::clean_text),
            mail.to_addr
                .parse()
                .map_err(|e| MailError::Build(format!("to {}: {e}", mail.to_addr)))?,
        );
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(crate::parse::clean_text(&mail.subject))
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
            Transport::Smtp(pool) => pool.send(&message).await.map_err(|error| MailError::Smtp {
                host: self.host.clone(),
                port: self.port,
                error,
            }),
            Transport::SmtpTls(t) => {
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
        Transport::Smtp(_) | Transport::SmtpTls(_) => String::new(),
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
