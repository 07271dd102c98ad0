//! Function names as people read them: compilers' mangled Rust symbols demangled, once, for
//! every format that can carry them (llvm-cov's JSON, lcov from cargo-llvm-cov or grcov,
//! Cobertura from any producer).
//!
//! A name is shown as `rustfilt` and cargo-llvm-cov's own Cobertura print it: demangled
//! with rustc's demangler, without the `::h<hash>` of a legacy symbol or the crate
//! disambiguators of a v0 one, so one function compiled into several test binaries reads
//! as one name. Within one file, two different symbols that would read alike are never
//! shown alike: each keeps the first hash or disambiguator that tells them apart,
//! `semver::display::digits [5f20b3c4a0e1d9f7]`. Names that are not Rust symbols (C's, C++'s
//! `_Z…`, any other language's) are kept as written.

/// A Rust symbol demangled without its hashes, else the name as written.
pub fn readable_symbol(name: &str) -> String {
    match rustc_demangle::try_demangle(name) {
        Ok(demangled) => format!("{demangled:#}"),
        Err(_) => name.to_string(),
    }
}

/// The readable names of one file's functions, in their order: each as
/// [`readable_symbol`] gives it, except that Rust symbols which would read alike keep the
/// first hash or crate disambiguator that differs among them, so no two functions a
/// format counts apart look like one (lcov counts a function per symbol).
pub fn readable_symbols(names: &[&str]) -> Vec<String> {
    let mut readable: Vec<String> = names.iter().map(|name| readable_symbol(name)).collect();
    let mut alike_groups: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (index, (name, shown)) in names.iter().zip(&readable).enumerate() {
        // A name that is not a Rust symbol is shown as written, even when it repeats.
        if shown.as_str() != *name {
            alike_groups.entry(shown.as_str()).or_default().push(index);
        }
    }
    let suffixes: Vec<(usize, String)> = alike_groups
        .values()
        .filter(|members| members.len() > 1)
        .flat_map(|members| distinguishing_suffixes(names, members))
        .collect();
    for (index, suffix) in suffixes {
        if let Some(shown) = readable.get_mut(index) {
            shown.push_str(&suffix);
        }
    }
    readable
}

/// For symbols that read alike without their hashes: each one's first hash that differs
/// among them, as ` [hash]`, or its place in the group (` #2`) when their hashes agree.
fn distinguishing_suffixes(names: &[&str], members: &[usize]) -> Vec<(usize, String)> {
    let hashes: Vec<Vec<String>> = members
        .iter()
        .map(|&index| symbol_hashes(names.get(index).copied().unwrap_or("")))
        .collect();
    let longest = hashes.iter().map(Vec::len).max().unwrap_or(0);
    let differing = (0..longest).find(|&position| {
        let first = hashes.first().and_then(|list| list.get(position));
        hashes.iter().any(|list| list.get(position) != first)
    });
    members
        .iter()
        .zip(&hashes)
        .enumerate()
        .map(|(place, (&index, list))| {
            let suffix = match differing.and_then(|position| list.get(position)) {
                Some(hash) => format!(" [{hash}]"),
                None => format!(" #{}", place + 1),
            };
            (index, suffix)
        })
        .collect()
}

/// The hashes rustc's demangler prints in a symbol's full form, in order: a v0 symbol's
/// crate disambiguators (`semver[5f20b3c4a0e1d9f7]::…`) and a legacy symbol's final
/// `::h<16 hex digits>`.
fn symbol_hashes(name: &str) -> Vec<String> {
    let Ok(demangled) = rustc_demangle::try_demangle(name) else {
        return Vec::new();
    };
    let full = demangled.to_string();
    let mut hashes: Vec<String> = Vec::new();
    let mut rest = full.as_str();
    while let Some(open) = rest.find('[') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find(']') else {
            break;
        };
        let inside = after.get(..close).unwrap_or("");
        if !inside.is_empty() && inside.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            hashes.push(inside.to_string());
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    if let Some((_, last)) = full.rsplit_once("::h") {
        if last.len() == 16 && last.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            hashes.push(format!("h{last}"));
        }
    }
    hashes
}
