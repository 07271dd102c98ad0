//! A published site's start: its manifest (`covscope.json`, named by the page or carried
//! inside a standalone file) is read by the core, and every file it lists goes down the
//! loading road as the person's own, so a missing or broken entry is a load error naming
//! it while the rest loads.
use yew::Callback;

use super::{load, Incoming, LoadBatch};
use crate::app::browser::network::fetch_bytes;
use crate::app::browser::site::{embedded_site, site_manifest_reference, EmbeddedSite};
use crate::app::state::{Action, LoadOrigin};
use crate::core::share::{
    parse_site_manifest, resolve_site_url, SiteManifest, SITE_MANIFEST_FILE_NAME,
};

/// Where a site's files come from: the page itself, or the server beside the manifest.
enum SiteSource {
    Embedded(EmbeddedSite),
    Served { manifest_address: String },
}

/// Loads the published site this page belongs to, if it is one, and resolves once every
/// file has arrived; `false` when the page is no published site (then the demo shows).
pub async fn load_published_site(dispatch: &Callback<Action>) -> bool {
    let (source, manifest_bytes) = match embedded_site() {
        Some(Ok(embedded)) => {
            let bytes = embedded.manifest.clone();
            (SiteSource::Embedded(embedded), Ok(bytes))
        }
        Some(Err(message)) => (
            SiteSource::Served {
                manifest_address: SITE_MANIFEST_FILE_NAME.to_string(),
            },
            Err(message),
        ),
        None => {
            let Some((reference, page_address)) = site_manifest_reference() else {
                return false;
            };
            let manifest_address = resolve_site_url(&page_address, &reference);
            let bytes = fetch_bytes(&manifest_address)
                .await
                .map_err(|reason| format!("could not load {manifest_address}: {reason}"));
            (SiteSource::Served { manifest_address }, bytes)
        }
    };
    // The site's reports are parsed in the parsing worker: it starts loading the parser
    // now, while they are on their way.
    super::prepare_for_reports();
    let items = match manifest_bytes {
        Ok(bytes) => site_files(&source, &bytes),
        Err(message) => vec![Incoming::Refused {
            file_name: SITE_MANIFEST_FILE_NAME.to_string(),
            message,
        }],
    };
    let batch = LoadBatch {
        origin: LoadOrigin::Person,
        items,
    };
    load(batch, dispatch.clone()).await;
    true
}

/// What to load for a manifest: its files in the manifest's order, and a refusal for each
/// entry (or the whole manifest) that cannot be read.
fn site_files(source: &SiteSource, manifest_bytes: &[u8]) -> Vec<Incoming> {
    let (outcome, problems) = parse_site_manifest(manifest_bytes);
    let refused = |message: String| Incoming::Refused {
        file_name: SITE_MANIFEST_FILE_NAME.to_string(),
        message,
    };
    let manifest = match outcome.value {
        Some(manifest) => manifest,
        None => {
            let message = outcome
                .first_error()
                .unwrap_or("the manifest could not be read")
                .to_string();
            return vec![refused(message)];
        }
    };
    let problems = problems
        .into_iter()
        .map(|problem| refused(format!("{} {}", problem.entry, problem.message)));
    problems.chain(files_of(source, &manifest)).collect()
}

fn files_of<'a>(
    source: &'a SiteSource,
    manifest: &SiteManifest,
) -> impl Iterator<Item = Incoming> + 'a {
    manifest
        .files_to_load()
        .into_iter()
        .map(move |file| match source {
            SiteSource::Embedded(embedded) => match embedded.file(&file.url, &file.load_name) {
                Ok(picked) => Incoming::File(picked),
                Err(message) => Incoming::Refused {
                    file_name: file.load_name,
                    message,
                },
            },
            SiteSource::Served { manifest_address } => Incoming::Named {
                address: resolve_site_url(manifest_address, &file.url),
                file_name: file.load_name,
            },
        })
}
