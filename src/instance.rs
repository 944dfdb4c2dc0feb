//! The running daemon's record inside `data_dir`: its pid, where its API listens, and a
//! random key. The daemon writes it once it listens and removes it when it stops; the CLI
//! reads it when the store is held, so it asks the daemon that holds *this* `data_dir`, not
//! whatever answers on the config's `listen` address.
//!
//! Invariants: the file is written whole (temp file, rename) with mode 0600, since the key
//! is what lets a reader trust an answer. The key itself never travels back: the daemon
//! answers a request that carries the right key with [`proof`] of it, which a server that
//! did not read this file cannot produce.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// Request header carrying the key.
pub(crate) const KEY_HEADER: &str = "x-zonefeed-key";
/// Response header carrying [`proof`] of the key.
pub(crate) const PROOF_HEADER: &str = "x-zonefeed-instance";

const FILE: &str = "daemon.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Instance {
    pub pid: u32,
    /// Base URL of the API, e.g. `http://127.0.0.1:8080/`.
    pub api: String,
    pub key: String,
}

impl Instance {
    /// A record for this process listening on `addr` (an unspecified address is reached
    /// through loopback), with a fresh random key.
    pub fn new(addr: SocketAddr) -> Result<Instance> {
        let mut addr = addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        let mut raw = [0u8; 32];
        getrandom::getrandom(&mut raw)
            .map_err(|e| anyhow::anyhow!("no randomness for the instance key: {e}"))?;
        Ok(Instance {
            pid: std::process::id(),
            api: format!("http://{addr}/"),
            key: crate::parse::hex(&raw),
        })
    }
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

/// Writes the record (replacing any left by a killed daemon).
pub fn write(data_dir: &Path, inst: &Instance) -> Result<()> {
    let target = path(data_dir);
    let tmp = data_dir.join(format!(".{FILE}.{}", std::process::id()));
    let body = serde_json::to_vec(inst)?;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(&tmp)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    f.write_all(&body)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &target).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}

/// The record, if there is one. A file that is not a record is an error that says where.
pub fn read(data_dir: &Path) -> Result<Option<Instance>> {
    let p = path(data_dir);
    match std::fs::read(&p) {
        Ok(b) => serde_json::from_slice(&b)
            .map(Some)
            .with_context(|| format!("{} is not a zonefeed daemon record", p.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", p.display())),
    }
}

/// Removes the record if it is still `inst`'s (a newer daemon may have replaced it).
pub fn remove(data_dir: &Path, inst: &Instance) {
    if read(data_dir).ok().flatten().as_ref() == Some(inst) {
        let _ = std::fs::remove_file(path(data_dir));
    }
}

/// What the daemon answers a request carrying `key` with.
pub(crate) fn proof(key: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"zonefeed-instance\0");
    h.update(key.as_bytes());
    crate::parse::hex(&h.finalize())
}

/// Whether a process with this pid exists (it may belong to another user).
pub(crate) fn pid_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only checks that the process exists; nothing is delivered.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_round_trips_privately_and_only_its_owner_removes_it() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let a = Instance::new("0.0.0.0:8080".parse()?)?;
        assert_eq!(a.api, "http://127.0.0.1:8080/");
        assert_eq!(a.key.len(), 64);
        write(dir.path(), &a)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(FILE))?
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert_eq!(read(dir.path())?, Some(a.clone()));
        let b = Instance::new("127.0.0.1:9".parse()?)?;
        assert_ne!(a.key, b.key);
        assert_ne!(proof(&a.key), proof(&b.key));
        write(dir.path(), &b)?;
        remove(dir.path(), &a);
        assert_eq!(read(dir.path())?, Some(b.clone()));
        remove(dir.path(), &b);
        assert_eq!(read(dir.path())?, None);
        assert!(pid_alive(std::process::id()));
        Ok(())
    }
}
