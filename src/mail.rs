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
//!
//! The `[mail]` settings ([`Mail`]) are defined here, next to their only user; `config`
//! reads them from the file and imports them from here, never the other way round.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use lettre::message::header::ContentTransferEncoding;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// `[mail]`: how digests leave.
#[derive(Debug, Clone)]
pub struct Mail {
    pub transport: MailTransport,
    pub outbox_dir: PathBuf,
    pub host: String,
    pub port: u16,
    pub tls: MailTls,
    pub username: Option<String>,
    /// Name of the environment variable holding the SMTP password (never the password).
    pub password_env: Option<String>,
    /// `投促中国 <digest@example.cn>`: display name and address.
    pub from_name: Option<String>,
    pub from_addr: String,
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTransport {
    Smtp,
    /// Write `.eml` files to `outbox_dir` (the bundled default: works offline).
    Outbox,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailTls {
    None,
    Starttls,
    Tls,
}

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
pub(crate) fn parse_mailbox(s: &str) -> Result<(Option<String>, String), String> {
    let m: Mailbox = s.trim().parse().map_err(|e| {
        format!("{s:?} is not a mailbox such as \"投促中国 <digest@example.cn>\": {e}")
    })?;
    Ok((m.name.filter(|n| !n.is_empty()), m.email.to_string()))
}

/// A bare address, checked.
pub(crate) fn parse_address(s: &str) -> Result<String, String> {
    s.trim()
        .parse::<Address>()
        .map(|a| a.to_string())
        .map_err(|e| format!("{s:?} is not an email address: {e}"))
}

/// The domain part of an address (for Message-IDs and List-Ids).
pub(crate) fn domain_of(addr: &str) -> &str {
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

    /// Sends the message `build` makes, told whether this server takes 8-bit bodies.
    async fn send(
        &self,
        build: impl Fn(bool) -> Result<Message, MailError>,
    ) -> Result<(), SendError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| SendError::Smtp("mailer closed".to_string()))?;
        let mut conn = self.checkout().await.map_err(SendError::Smtp)?;
        let eight_bit = conn
            .server_info()
            .supports_feature(lettre::transport::smtp::extension::Extension::EightBitMime);
        let message = match build(eight_bit) {
            Ok(m) => m,
            Err(e) => {
                self.put_back(conn);
                return Err(SendError::Build(e));
            }
        };
        let bytes = message.formatted();
        // Long enough for a big digest on a slow link; each read also has `timeout`.
        let limit = self.timeout * 4;
        match tokio::time::timeout(limit, conn.send(message.envelope(), &bytes)).await {
            Ok(Ok(_)) => {
                self.put_back(conn);
                Ok(())
            }
            Ok(Err(e)) => {
                conn.abort().await;
                Err(SendError::Smtp(error_chain(&e)))
            }
            Err(_) => {
                conn.abort().await;
                Err(SendError::Smtp(format!(
                    "message not accepted within {limit:?}"
                )))
            }
        }
    }

    fn put_back(&self, conn: AsyncSmtpConnection) {
        match self.idle.lock() {
            Ok(mut v) => v.push((conn, std::time::Instant::now())),
            Err(e) => e.into_inner().push((conn, std::time::Instant::now())),
        }
    }
}

enum SendError {
    Build(MailError),
    Smtp(String),
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
        Ok(self.build(mail, false)?.formatted())
    }

    /// With `eight_bit` (the server announced 8BITMIME, RFC 6152, or the message goes to
    /// the outbox), text goes as UTF-8 as it is, in lines of up to 998 octets, instead of
    /// base64 in lines of 76: a Chinese digest is a quarter smaller and has a fifth of the
    /// lines, which is what line-oriented SMTP servers spend their time on. A part with a
    /// longer line stays base64.
    fn build(&self, mail: &OutgoingMail, eight_bit: bool) -> Result<Message, MailError> {
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
        let body = |text: &str| {
            eight_bit
                .then(|| eight_bit_body(text))
                .flatten()
                .unwrap_or_else(|| Body::new(text.to_string()))
        };
        // multipart/alternative: plain text first, HTML last (the preferred part, RFC 2046).
        b.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(body(&mail.text)),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(body(&mail.html)),
                ),
        )
        .map_err(|e| MailError::Build(e.to_string()))
    }

    /// Delivers one message. Ok means the server (or the outbox) accepted it.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        match &self.transport {
            Transport::Smtp(pool) => pool
                .send(|eight_bit| self.build(mail, eight_bit))
                .await
                .map_err(|e| match e {
                    SendError::Build(e) => e,
                    SendError::Smtp(error) => MailError::Smtp {
                        host: self.host.clone(),
                        port: self.port,
                        error,
                    },
                }),
            Transport::SmtpTls(t) => {
                // lettre's pooled transport gives no say per connection: base64 is safe
                // with every server.
                let message = self.build(mail, false)?;
                t.send(message).await.map_err(|e| MailError::Smtp {
                    host: self.host.clone(),
                    port: self.port,
                    error: error_chain(&e),
                })?;
                Ok(())
            }
            Transport::Outbox(dir) => {
                let bytes = self.build(mail, true)?.formatted();
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

/// `text` as an 8-bit body (RFC 6152): CRLF line endings, no NUL, every line at most 998
/// octets (RFC 5322 2.1.1); `None` if it cannot be. (lettre's own check stops at 76
/// octets, which a line of 26 Chinese characters passes: nearly every digest would stay
/// base64.)
fn eight_bit_body(text: &str) -> Option<Body> {
    if text.contains('\0') {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.len() > 998 || line.contains('\r') {
            return None;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    // `split` yields an empty last piece after a final newline: do not add a second one.
    if text.ends_with('\n') || text.is_empty() {
        out.truncate(out.len() - 2);
    }
    Some(Body::dangerous_pre_encoded(
        out.into_bytes(),
        ContentTransferEncoding::EightBit,
    ))
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

    /// 8-bit parts when allowed and every line fits; base64 otherwise, per part.
    #[test]
    fn parts_go_8bit_only_when_allowed_and_lines_fit() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        // What `[mail] transport = "outbox", from = "投促中国 <digest@example.cn>"` loads as
        // (the config tests check that it does).
        let settings = Mail {
            transport: MailTransport::Outbox,
            outbox_dir: dir.path().join("outbox"),
            host: "127.0.0.1".into(),
            port: 587,
            tls: MailTls::Starttls,
            username: None,
            password_env: None,
            from_name: Some("投促中国".into()),
            from_addr: "digest@example.cn".into(),
            timeout: Duration::from_secs(30),
        };
        let mailer = Mailer::new(&settings)?;
        let mail = |html: String| OutgoingMail {
            to_name: Some("王工".into()),
            to_addr: "wang@example.cn".into(),
            subject: "开发区新闻摘要".into(),
            text: "南通高新区三个项目集中签约\n".into(),
            html,
            message_id: "m1@example.cn".into(),
            date: SystemTime::UNIX_EPOCH,
            headers: vec![],
        };
        let text_of = |m: Message| String::from_utf8_lossy(&m.formatted()).into_owned();
        let short = mail("<p>签约</p>\n".into());
        let eight = text_of(mailer.build(&short, true)?);
        assert_eq!(eight.matches("Content-Transfer-Encoding: 8bit").count(), 2);
        assert!(eight.contains("南通高新区三个项目集中签约"));
        let seven = text_of(mailer.build(&short, false)?);
        assert_eq!(
            seven.matches("Content-Transfer-Encoding: base64").count(),
            2
        );
        assert!(seven.is_ascii());
        // A 1,500-octet line cannot go 8-bit (RFC 5322 2.1.1: 998 at most).
        let long = mail(format!("<p>{}</p>", "签".repeat(500)));
        let mixed = text_of(mailer.build(&long, true)?);
        assert_eq!(mixed.matches("Content-Transfer-Encoding: 8bit").count(), 1);
        assert_eq!(
            mixed.matches("Content-Transfer-Encoding: base64").count(),
            1
        );
        assert!(mixed.split("\r\n").all(|l| l.len() <= 998));
        Ok(())
    }
}
