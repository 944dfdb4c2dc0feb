//! Writing `config.toml` (`zonefeed add --write`): a `[[sources]]` block appended to the
//! file as it is, so every comment and the order of everything else stay (toml_edit reads
//! the result back to prove it is one valid document with one source more), and the whole
//! config checked before the file is replaced; nothing is written when the check fails.
//!
//! Invariants: the file is replaced atomically (a temporary file in the same folder,
//! renamed); a failure leaves the original untouched.

use std::path::Path;

use anyhow::{Context, Result, bail};

/// Appends `block` (one `[[sources]]` table and its sub-tables) to the config at `path`,
/// checks the result as `zonefeed check` would, and replaces the file.
pub fn append_source(path: &Path, block: &str) -> Result<()> {
    let old =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let before =
        count_sources(&old).with_context(|| format!("{} is not valid TOML", path.display()))?;
    let mut new = old.clone();
    if !new.ends_with('\n') {
        new.push('\n');
    }
    new.push('\n');
    new.push_str(block.trim_end());
    new.push('\n');
    let after = count_sources(&new).context("the block to add is not valid TOML")?;
    if after != before + 1 {
        bail!(
            "the block to add is not one [[sources]] table ({before} sources before, {after} after)"
        );
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    if let Err(e) = super::Config::parse(&new, path, dir) {
        bail!("with the new source, the config does not check:\n{e}");
    }
    let tmp = dir.join(format!(
        ".{}.zonefeed-add",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config.toml")
    ));
    std::fs::write(&tmp, &new).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
}

fn count_sources(text: &str) -> Result<usize> {
    let doc: toml_edit::DocumentMut = text.parse()?;
    Ok(doc
        .get("sources")
        .and_then(|s| s.as_array_of_tables())
        .map_or(0, |a| a.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_appended_with_every_comment_kept_and_a_bad_one_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        let original = "# the site's config\n[[regions]]\nid = \"nt\" # 南通\nname = \"南通市\"\n";
        std::fs::write(&path, original).expect("write");
        append_source(
            &path,
            "[[sources]]\nid = \"a\"\nurl = \"http://example.cn/rss.xml\"\nregion = \"nt\"\n",
        )
        .expect("append");
        let now = std::fs::read_to_string(&path).expect("read");
        assert!(now.starts_with(original), "{now}");
        assert!(now.contains("id = \"a\""), "{now}");
        // A region that does not exist: the check fails, the file stays as it was.
        let err = append_source(
            &path,
            "[[sources]]\nid = \"b\"\nurl = \"http://example.cn/b.xml\"\nregion = \"nowhere\"\n",
        )
        .expect_err("unknown region");
        assert!(format!("{err:#}").contains("nowhere"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), now);
    }
}
