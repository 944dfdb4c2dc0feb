//! The SSRF guard: loopback, private and link-local addresses are refused (unless
//! `allow_private_networks`), whether a name resolves to them or a URL names them.
use std::net::SocketAddr;

pub(super) const BLOCKED_MARK: &str = "zonefeed-blocked:";

/// Resolves names, then drops loopback, private and link-local answers. A name whose every
/// address is private fails, so a public hostname cannot be pointed at the intranet.
pub(super) struct PublicOnlyResolver;

impl reqwest::dns::Resolve for PublicOnlyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_string();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = addrs
                .iter()
                .copied()
                .filter(|a| !is_private(a.ip()))
                .collect();
            if public.is_empty() {
                let shown = addrs
                    .first()
                    .map(|a| a.ip().to_string())
                    .unwrap_or_else(|| "no address".into());
                let err: Box<dyn std::error::Error + Send + Sync> =
                    format!("{BLOCKED_MARK} {host} resolves to private address {shown}").into();
                return Err(err);
            }
            let it: reqwest::dns::Addrs = Box::new(public.into_iter());
            Ok(it)
        })
    }
}

use crate::net::is_private;
