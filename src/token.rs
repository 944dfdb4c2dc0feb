//! Tokens and secrets: every HMAC, random token and constant-time comparison in zonefeed.
//! Unsubscribe links, readers' manage links, the forms' CSRF tokens and the suppression
//! list's keys are all [`sign`]ed here under the store's key; confirmation tokens and
//! nonces come from [`random_hex`]; the alert platforms' signatures (钉钉, 飞书, our
//! webhook's) are [`hmac_sha256`] with base64 or hex as each platform documents.
//!
//! Invariants: a signature covers a purpose label and its fields, each ended by NUL
//! (`"zonefeed manage\0" id "\0" address`), so a token made for one purpose never passes
//! as another's and fields cannot run into each other; addresses are signed as
//! [`address_key`] gives them (trimmed, lowercased), the one normalisation everywhere;
//! checks are constant-time; a token that is not exactly 64 hex digits is refused before
//! any MAC is computed. (The byte layout is the one the four separate copies used before:
//! links already mailed keep working.)

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// What a signature is for; its label is signed first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A digest's unsubscribe link: subscription id, address.
    Unsubscribe,
    /// A reader's manage link: reader id, address.
    Manage,
    /// A form's CSRF token: the cookie's nonce.
    Csrf,
    /// The suppression list's key for an address (the address itself is not kept).
    Suppression,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::Unsubscribe => b"zonefeed unsubscribe",
            Purpose::Manage => b"zonefeed manage",
            Purpose::Csrf => b"zonefeed csrf",
            Purpose::Suppression => b"zonefeed suppression",
        }
    }
}

/// An address as it is signed, stored and compared: trimmed and lowercased.
pub(crate) fn address_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn mac(key: &[u8], purpose: Purpose, fields: &[&str]) -> Option<HmacSha256> {
    let mut m = HmacSha256::new_from_slice(key).ok()?;
    m.update(purpose.label());
    for f in fields {
        m.update(b"\0");
        m.update(f.as_bytes());
    }
    Some(m)
}

/// The 32-byte signature of `fields` for `purpose`.
pub(crate) fn sign_bytes(key: &[u8], purpose: Purpose, fields: &[&str]) -> Vec<u8> {
    mac(key, purpose, fields)
        .map(|m| m.finalize().into_bytes().to_vec())
        .unwrap_or_default()
}

/// [`sign_bytes`] as 64 hex digits, for links and forms.
pub(crate) fn sign(key: &[u8], purpose: Purpose, fields: &[&str]) -> String {
    crate::parse::hex(&sign_bytes(key, purpose, fields))
}

/// Constant-time check of a token from a link or a form.
pub(crate) fn verify(key: &[u8], purpose: Purpose, fields: &[&str], token: &str) -> bool {
    let Some(given) = unhex64(token) else {
        return false;
    };
    mac(key, purpose, fields).is_some_and(|m| m.verify_slice(&given).is_ok())
}

/// 64 hex digits to 32 bytes; anything else is None.
fn unhex64(s: &str) -> Option<Vec<u8>> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// HMAC-SHA256 of `msg` under `key` (any key length, as RFC 2104 allows).
pub(crate) fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    match HmacSha256::new_from_slice(key) {
        Ok(mut m) => {
            m.update(msg);
            m.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of every length; this arm is unreachable.
        Err(_) => Vec::new(),
    }
}

/// Standard base64 with padding (RFC 4648 section 4), as 钉钉 and 飞书 sign.
pub(crate) fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `n` random bytes from the OS, hex.
pub(crate) fn random_hex(n: usize) -> anyhow::Result<String> {
    let mut b = vec![0u8; n];
    getrandom::getrandom(&mut b).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(crate::parse::hex(&b))
}

/// SHA-256 of a random token, hex: what is stored instead of the token itself.
pub(crate) fn hash(token: &str) -> String {
    crate::parse::hex(&Sha256::digest(token.as_bytes()))
}

/// Equality whose time does not depend on where the inputs differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn tokens_are_bound_to_purpose_fields_and_key() {
        let t = sign(KEY, Purpose::Unsubscribe, &["alice", "alice@example.com"]);
        assert_eq!(t.len(), 64);
        assert!(verify(
            KEY,
            Purpose::Unsubscribe,
            &["alice", "alice@example.com"],
            &t
        ));
        for (purpose, fields) in [
            (Purpose::Manage, ["alice", "alice@example.com"]),
            (Purpose::Unsubscribe, ["bob", "alice@example.com"]),
            (Purpose::Unsubscribe, ["alice", "bob@example.com"]),
            // Fields cannot run into each other.
            (Purpose::Unsubscribe, ["alicea", "lice@example.com"]),
        ] {
            assert!(!verify(KEY, purpose, &fields, &t), "{purpose:?} {fields:?}");
        }
        assert!(!verify(
            b"another key of thirty-two bytes!",
            Purpose::Unsubscribe,
            &["alice", "alice@example.com"],
            &t
        ));
        let mut forged = t.clone();
        forged.replace_range(0..1, if t.starts_with('0') { "1" } else { "0" });
        for bad in [
            forged.as_str(),
            "zz",
            &"g".repeat(64),
            &t[..63],
            "é".repeat(32).as_str(),
        ] {
            assert!(
                !verify(
                    KEY,
                    Purpose::Unsubscribe,
                    &["alice", "alice@example.com"],
                    bad
                ),
                "{bad}"
            );
        }
    }

    /// Links mailed before the four copies became this module must keep working: the
    /// bytes signed are the ones each copy signed (computed here the old way).
    #[test]
    fn signatures_are_the_ones_the_old_copies_made() {
        let mut m = HmacSha256::new_from_slice(KEY).unwrap();
        m.update(b"zonefeed unsubscribe\0");
        m.update(b"alice");
        m.update(b"\0");
        m.update(b"alice@example.com");
        let old = crate::parse::hex(&m.finalize().into_bytes());
        assert_eq!(
            sign(
                KEY,
                Purpose::Unsubscribe,
                &["alice", &address_key(" Alice@Example.com ")]
            ),
            old
        );
        let mut m = HmacSha256::new_from_slice(KEY).unwrap();
        m.update(b"zonefeed csrf\0");
        m.update(b"00ff");
        assert_eq!(
            sign(KEY, Purpose::Csrf, &["00ff"]),
            crate::parse::hex(&m.finalize().into_bytes())
        );
    }

    /// RFC 4231 test case 2 ("Jefe"), and base64 of it as a platform would send it.
    #[test]
    fn hmac_and_base64_match_the_rfcs() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            crate::parse::hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"fo"), "Zm8=");
    }

    #[test]
    fn random_tokens_differ_and_compare_in_constant_time() {
        let (a, b) = (random_hex(32).unwrap(), random_hex(32).unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(constant_time_eq(a.as_bytes(), a.as_bytes()));
        assert!(!constant_time_eq(a.as_bytes(), b.as_bytes()));
        assert!(!constant_time_eq(b"ab", b"abc"));
        assert_eq!(hash("x").len(), 64);
    }
}
