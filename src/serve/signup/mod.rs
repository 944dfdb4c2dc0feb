//! Self-service sign-up over HTTP (`[signup]`): `GET/POST /subscribe`, `GET/POST /confirm`,
//! `GET/POST /manage`, and the admin's `/api/readers` (behind the admin gate).
//!
//! Everything here faces the internet:
//! - GET never changes state (mail scanners open links): the confirm and manage links show
//!   a form, and only its POST acts;
//! - every POST carries a CSRF token bound to a cookie (`csrf`), and bodies are read up to
//!   [`MAX_FORM`] whatever their framing;
//! - sign-ups that send mail are limited per client, per address and in total (`limits`),
//!   and a refused one is answered 429 before anything is sent;
//! - bad input is answered 400 with the form again and what is wrong, every echo escaped;
//! - a good sign-up is answered with the same page whether the address is known or not.
//!
//! With `[signup] enabled = false` these pages answer 404; readers' one-click unsubscribe
//! (`/unsubscribe`) keeps working.
//!
//! # Files
//! - this file: the handlers and the per-server state (limiters, mailer);
//! - `csrf`: the signed double-submit token; `limits`: governor's rate limits;
//! - `pages`: the HTML.

mod csrf;
mod limits;
mod pages;

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::ServeState;
use crate::config::Config;
use crate::signup::{self, ConfirmLink, Submitted};
use crate::store::{Reader, ReaderStatus};

use pages::Prefill;

/// Largest form body read (the server refuses longer announced bodies before this).
const MAX_FORM: usize = 64 * 1024;

/// What the sign-up pages keep between requests: the limiters and a mailer, both made on
/// first use and made again after a reload changes their settings.
#[derive(Default)]
pub(crate) struct SignupState {
    limiters: Mutex<Option<Arc<limits::Limiters>>>,
    mailer: Mutex<Option<Arc<crate::mail::Mailer>>>,
}

impl SignupState {
    /// A reload may change `[mail]`: the next sign-up builds a mailer from the new config.
    pub(crate) fn config_changed(&self) {
        match self.mailer.lock() {
            Ok(mut m) => *m = None,
            Err(e) => *e.into_inner() = None,
        }
    }

    fn limiters(&self, config: &Config) -> Arc<limits::Limiters> {
        let mut g = match self.limiters.lock() {
            Ok(g) => g,
            Err(e) => e.into_inner(),
        };
        match &*g {
            Some(l) if l.matches(&config.signup) => l.clone(),
            _ => {
                let l = Arc::new(limits::Limiters::new(&config.signup));
                *g = Some(l.clone());
                l
            }
        }
    }

    fn mailer(&self, config: &Config) -> anyhow::Result<Arc<crate::mail::Mailer>> {
        let mut g = match self.mailer.lock() {
            Ok(g) => g,
            Err(e) => e.into_inner(),
        };
        if let Some(m) = &*g {
            return Ok(m.clone());
        }
        let m = Arc::new(crate::mail::Mailer::new(&config.mail)?);
        *g = Some(m.clone());
        Ok(m)
    }
}

pub(super) fn routes() -> axum::Router<Arc<ServeState>> {
    use axum::routing::get;
    axum::Router::new()
        .route("/subscribe", get(subscribe_page).post(subscribe_post))
        .route("/confirm", get(confirm_page).post(confirm_post))
        .route("/manage", get(manage_page).post(manage_post))
}

/// The admin's routes, merged behind the admin gate by the caller.
pub(super) fn admin_routes() -> axum::Router<Arc<ServeState>> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/api/readers", get(api_readers))
        .route("/api/readers/remove", post(api_remove))
}

/// A page with the headers every sign-up page carries: no script may run, no site may
/// frame it (the confirm button must not be clickjacked), links with tokens are not
/// cached or sent on as a referrer.
fn respond(status: StatusCode, html: String, cookie: Option<HeaderValue>) -> Response {
    let mut r = (status, axum::response::Html(html)).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(c) = cookie {
        h.insert(header::SET_COOKIE, c);
    }
    r
}

fn not_found() -> Response {
    respond(
        StatusCode::NOT_FOUND,
        pages::message("未开放订阅", &["本站未开放邮件订阅。".into()], None),
        None,
    )
}

fn unavailable(e: &anyhow::Error) -> Response {
    tracing::error!("sign-up: {e:#}");
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        pages::message("暂时无法处理", &["请稍后再试。".into()], None),
        None,
    )
}

/// The CSRF nonce and form token for a page; the cookie to set, if the nonce is new.
fn csrf_for(st: &ServeState, headers: &HeaderMap) -> anyhow::Result<(String, Option<HeaderValue>)> {
    let nonce = csrf::nonce(headers)?;
    let key = st.store.hmac_key()?;
    let secure = st.config().service.base_url.scheme() == "https";
    Ok((
        csrf::token(&key, &nonce.value),
        csrf::set_cookie(&nonce, secure),
    ))
}

/// Reads a form body (capped) and checks its CSRF token; the response to send otherwise.
async fn read_form(st: &ServeState, req: Request) -> Result<(HeaderMap, Submitted), Response> {
    let (parts, body) = req.into_parts();
    let form_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';').next().is_some_and(|t| {
                t.trim()
                    .eq_ignore_ascii_case("application/x-www-form-urlencoded")
            })
        });
    if !form_type {
        return Err(respond(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            pages::message(
                "无法读取表单",
                &["请从本站的页面提交表单。".into()],
                Some(("subscribe", "返回订阅页面")),
            ),
            None,
        ));
    }
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
        return Err(respond(
            StatusCode::PAYLOAD_TOO_LARGE,
            pages::message(
                "表单太大",
                &[format!("表单不能超过 {} KiB。", MAX_FORM / 1024)],
                None,
            ),
            None,
        ));
    };
    let fields = signup::read_fields(&bytes);
    let key = st.store.hmac_key().map_err(|e| unavailable(&e))?;
    let config = st.config();
    if let Err(why) = csrf::check(
        &key,
        &parts.headers,
        fields.csrf.as_deref(),
        &config.service.base_url,
    ) {
        return Err(respond(
            StatusCode::FORBIDDEN,
            pages::message(
                "表单无法提交",
                &[format!(
                    "{why}。为防止其他网站冒用此表单，请重新打开本站页面再提交。"
                )],
                Some(("subscribe", "重新打开订阅页面")),
            ),
            None,
        ));
    }
    Ok((parts.headers, fields))
}

/// The client's address: the peer, or with `trust_proxy` and a loopback peer, the last
/// `X-Forwarded-For` entry (the one the local proxy appended).
fn client_ip(config: &Config, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if config.signup.trust_proxy && peer.ip().is_loopback() {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|s| s.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    peer.ip()
}

fn prefill(s: &Submitted, config: &Config) -> Prefill {
    // Only ids the config knows are ticked; the rest are named in the errors.
    Prefill {
        email: s.email.clone(),
        regions: s
            .regions
            .iter()
            .filter(|r| config.region(r).is_some())
            .cloned()
            .collect(),
        zones: s
            .zones
            .iter()
            .filter(|z| config.zone(z).is_some())
            .cloned()
            .collect(),
        topics: s.topics.iter().cloned().collect(),
        frequency: s.frequency.clone(),
        paused: s.paused,
    }
}

fn prefill_reader(r: &Reader) -> Prefill {
    Prefill {
        email: r.email.clone(),
        regions: r.regions.iter().cloned().collect(),
        zones: r.zones.iter().cloned().collect(),
        topics: r.topics.iter().cloned().collect(),
        frequency: Some(r.frequency.clone()),
        paused: r.paused,
    }
}

/// `GET /subscribe[?region=ID][&zone=ID]…`: the form, with those choices ticked.
async fn subscribe_page(State(st): State<Arc<ServeState>>, req: Request) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let query = req.uri().query().unwrap_or("");
    let asked = signup::read_fields(query.as_bytes());
    let (token, cookie) = match csrf_for(&st, req.headers()) {
        Ok(x) => x,
        Err(e) => return unavailable(&e),
    };
    let mut p = prefill(&asked, &config);
    p.email.clear();
    respond(
        StatusCode::OK,
        pages::signup_form(&config, &p, &token, &[]),
        cookie,
    )
}

/// `POST /subscribe`: checks, limits, records, mails; the same page for every good address.
async fn subscribe_post(
    State(st): State<Arc<ServeState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let (headers, s) = match read_form(&st, req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut problems = s.problems.clone();
    let email = match signup::check_address(&s.email) {
        Ok(e) => Some(e),
        Err(why) => {
            problems.push(why);
            None
        }
    };
    let choices = match signup::check_choices(&config, &s) {
        Ok(c) => Some(c),
        Err(mut why) => {
            problems.append(&mut why);
            None
        }
    };
    let (Some(email), Some(choices), true) = (email, choices, problems.is_empty()) else {
        let (token, cookie) = match csrf_for(&st, &headers) {
            Ok(x) => x,
            Err(e) => return unavailable(&e),
        };
        return respond(
            StatusCode::BAD_REQUEST,
            pages::signup_form(&config, &prefill(&s, &config), &token, &problems),
            cookie,
        );
    };
    let ip = client_ip(&config, peer, &headers);
    if let Err(r) = st.signup.limiters(&config).check(ip, &email) {
        tracing::warn!(limit = r.which, client = %ip, "sign-up refused by a limit");
        let mins = r.retry_after.as_secs().div_ceil(60).max(1);
        let mut resp = respond(
            StatusCode::TOO_MANY_REQUESTS,
            pages::message(
                "请求过于频繁",
                &[format!(
                    "订阅请求过多，请约 {mins} 分钟后再试。此次没有发送任何邮件。"
                )],
                None,
            ),
            None,
        );
        if let Ok(v) = HeaderValue::from_str(&r.retry_after.as_secs().max(1).to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return resp;
    }
    let mailer = match st.signup.mailer(&config) {
        Ok(m) => m,
        Err(e) => return unavailable(&e),
    };
    match signup::sign_up(&config, &st.store, &mailer, &email, &choices, Utc::now()).await {
        Ok(_) => respond(
            StatusCode::OK,
            pages::message(
                "请查收邮件",
                &[
                    format!("我们已向 {email} 发送了一封邮件。"),
                    format!(
                        "请在 {} 小时内打开邮件中的链接并点击“确认订阅”。没有收到？请检查垃圾邮件文件夹。",
                        config.signup.confirm_within.as_secs().div_ceil(3600)
                    ),
                ],
                None,
            ),
            None,
        ),
        Err(e) => unavailable(&e),
    }
}

#[derive(serde::Deserialize)]
struct LinkQuery {
    r: Option<String>,
    t: Option<String>,
}

fn link_parts(q: &LinkQuery) -> (&str, &str) {
    (q.r.as_deref().unwrap_or(""), q.t.as_deref().unwrap_or(""))
}

fn forged() -> Response {
    respond(
        StatusCode::FORBIDDEN,
        pages::message(
            "链接无效",
            &["此链接无效、已被篡改，或已被更新的订阅请求取代。".into()],
            Some(("subscribe", "重新订阅")),
        ),
        None,
    )
}

fn expired() -> Response {
    respond(
        StatusCode::GONE,
        pages::message(
            "链接已过期",
            &["此确认链接已过期，登记已经或即将删除。请重新订阅。".into()],
            Some(("subscribe", "重新订阅")),
        ),
        None,
    )
}

fn manage_link(st: &ServeState, r: &Reader) -> String {
    let key = st.store.hmac_key().unwrap_or_default();
    format!(
        "manage?r={}&t={}",
        r.id,
        crate::digest::readers::manage_token(&key, &r.id, &r.email)
    )
}

/// `GET /confirm?r=…&t=…`: what the link would confirm, and the button. Changes nothing.
async fn confirm_page(
    State(st): State<Arc<ServeState>>,
    axum::extract::Query(q): axum::extract::Query<LinkQuery>,
    headers: HeaderMap,
) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let (id, token) = link_parts(&q);
    match signup::check_confirm(&st.store, id, token, Utc::now()) {
        Ok(ConfirmLink::Valid(r)) => {
            let (csrf, cookie) = match csrf_for(&st, &headers) {
                Ok(x) => x,
                Err(e) => return unavailable(&e),
            };
            let names = signup::choice_names(&config, &r);
            respond(
                StatusCode::OK,
                pages::confirm_form(&r.email, &names, (id, token), &csrf),
                cookie,
            )
        }
        Ok(ConfirmLink::Confirmed(r)) => respond(
            StatusCode::OK,
            pages::message(
                "已确认",
                &[format!("{} 的订阅已经确认。", r.email)],
                Some((&manage_link(&st, &r), "管理订阅")),
            ),
            None,
        ),
        Ok(ConfirmLink::Expired) => expired(),
        Ok(ConfirmLink::Invalid) => forged(),
        Err(e) => unavailable(&e),
    }
}

/// `POST /confirm`: the button. Only this confirms.
async fn confirm_post(State(st): State<Arc<ServeState>>, req: Request) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let (_, s) = match read_form(&st, req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (id, token) = (
        s.reader.as_deref().unwrap_or(""),
        s.token.as_deref().unwrap_or(""),
    );
    match signup::confirm(&st.store, id, token, Utc::now()).await {
        Ok(ConfirmLink::Confirmed(r)) => {
            let names = signup::choice_names(&config, &r);
            respond(
                StatusCode::OK,
                pages::message(
                    "订阅已确认",
                    &[
                        format!("{} 已订阅开发区新闻摘要（{}）。", r.email, names.frequency),
                        "每期摘要邮件中都有“管理订阅”和“退订”链接。".into(),
                    ],
                    Some((&manage_link(&st, &r), "管理订阅")),
                ),
                None,
            )
        }
        Ok(ConfirmLink::Expired) => expired(),
        Ok(ConfirmLink::Invalid | ConfirmLink::Valid(_)) => forged(),
        Err(e) => unavailable(&e),
    }
}

fn unsubscribed_page() -> Response {
    respond(
        StatusCode::OK,
        pages::message(
            "已退订",
            &["您已退订，之后不会再收到摘要。您的记录将在 30 天后删除。".into()],
            Some(("subscribe", "重新订阅")),
        ),
        None,
    )
}

/// `GET /manage?r=…&t=…`: the reader's choices in a form. Changes nothing.
async fn manage_page(
    State(st): State<Arc<ServeState>>,
    axum::extract::Query(q): axum::extract::Query<LinkQuery>,
    headers: HeaderMap,
) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let (id, token) = link_parts(&q);
    let r = match signup::manage_lookup(&st.store, id, token) {
        Ok(Some(r)) => r,
        Ok(None) => return forged(),
        Err(e) => return unavailable(&e),
    };
    if r.status == ReaderStatus::Unsubscribed {
        return unsubscribed_page();
    }
    let (csrf, cookie) = match csrf_for(&st, &headers) {
        Ok(x) => x,
        Err(e) => return unavailable(&e),
    };
    let notice =
        (r.status == ReaderStatus::Pending).then_some("此订阅尚未确认：请先打开确认邮件中的链接。");
    respond(
        StatusCode::OK,
        pages::manage_form(
            &config,
            &r.email,
            &prefill_reader(&r),
            (id, token),
            &csrf,
            &[],
            notice,
        ),
        cookie,
    )
}

/// `POST /manage`: save the choices (and pause), or unsubscribe.
async fn manage_post(State(st): State<Arc<ServeState>>, req: Request) -> Response {
    let config = st.config();
    if !config.signup.enabled {
        return not_found();
    }
    let (headers, s) = match read_form(&st, req).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let (id, token) = (
        s.reader.as_deref().unwrap_or(""),
        s.token.as_deref().unwrap_or(""),
    );
    let r = match signup::manage_lookup(&st.store, id, token) {
        Ok(Some(r)) => r,
        Ok(None) => return forged(),
        Err(e) => return unavailable(&e),
    };
    if r.status == ReaderStatus::Unsubscribed {
        return unsubscribed_page();
    }
    let now = Utc::now();
    match s.action.as_deref() {
        Some("unsubscribe") => match signup::unsubscribe(&st.store, &r, now).await {
            Ok(()) => unsubscribed_page(),
            Err(e) => unavailable(&e),
        },
        Some("save") | None => {
            let (csrf, cookie) = match csrf_for(&st, &headers) {
                Ok(x) => x,
                Err(e) => return unavailable(&e),
            };
            let mut problems = s.problems.clone();
            let choices = match signup::check_choices(&config, &s) {
                Ok(c) => Some(c),
                Err(mut why) => {
                    problems.append(&mut why);
                    None
                }
            };
            let (Some(choices), true) = (choices, problems.is_empty()) else {
                let mut p = prefill(&s, &config);
                p.email = r.email.clone();
                return respond(
                    StatusCode::BAD_REQUEST,
                    pages::manage_form(&config, &r.email, &p, (id, token), &csrf, &problems, None),
                    cookie,
                );
            };
            match signup::save_choices(&st.store, r, &choices, s.paused, now).await {
                Ok(r) => respond(
                    StatusCode::OK,
                    pages::manage_form(
                        &config,
                        &r.email,
                        &prefill_reader(&r),
                        (id, token),
                        &csrf,
                        &[],
                        Some(if r.paused {
                            "已保存：摘要已暂停。"
                        } else {
                            "已保存。"
                        }),
                    ),
                    cookie,
                ),
                Err(e) => unavailable(&e),
            }
        }
        Some(other) => respond(
            StatusCode::BAD_REQUEST,
            pages::message("无法处理", &[format!("未知的操作：“{other}”")], None),
            None,
        ),
    }
}

/// `zonefeed readers` through the daemon: JSON lines of
/// [`crate::query::ReaderView`].
async fn api_readers(State(st): State<Arc<ServeState>>) -> Response {
    match crate::query::readers(&st.store) {
        Ok(rows) => {
            let mut out = String::new();
            for r in &rows {
                match serde_json::to_string(r) {
                    Ok(l) => out.push_str(&l),
                    Err(e) => {
                        return (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"))
                            .into_response();
                    }
                }
                out.push('\n');
            }
            ([(header::CONTENT_TYPE, "application/x-ndjson")], out).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}\n")).into_response(),
    }
}

/// `zonefeed readers remove ADDRESS` through the daemon. A POST that must carry the
/// daemon's instance key (checked by the admin gate): a web page open on the admin's
/// machine can make the browser POST to loopback, but cannot send that header.
async fn api_remove(
    State(st): State<Arc<ServeState>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !headers.contains_key(crate::instance::KEY_HEADER) {
        return (
            StatusCode::FORBIDDEN,
            "forbidden: removing a reader needs the daemon's instance key (use the CLI)\n",
        )
            .into_response();
    }
    let address = url::form_urlencoded::parse(&body)
        .find(|(k, _)| k == "address")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    match crate::query::remove_reader(&st.store, &address, Utc::now()).await {
        Ok(removed) => axum::Json(removed).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, format!("{e:#}\n")).into_response(),
    }
}
