//! The Fetch API: the only requests Covscope makes are for its own files (the demo, the
//! single-file app) and for the `?src=` addresses the person gave.
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A request under way; every request started before any is awaited runs at once.
pub struct PendingFetch {
    response: js_sys::Promise,
    abort: web_sys::AbortController,
}

/// A response whose headers have arrived and whose body has not been read: its size can
/// be checked before a byte of it is taken.
pub struct FetchedResponse {
    response: web_sys::Response,
    abort: web_sys::AbortController,
}

/// Starts a request for `address` (cross-origin requests need the server's permission,
/// CORS). Errors say what to check, since a blocked cross-origin request looks the same
/// as no network to the page.
pub fn start_fetch(address: &str) -> Result<PendingFetch, String> {
    let abort =
        web_sys::AbortController::new().map_err(|_| "the browser cannot fetch".to_string())?;
    let options = web_sys::RequestInit::new();
    options.set_mode(web_sys::RequestMode::Cors);
    options.set_signal(Some(&abort.signal()));
    let request = web_sys::Request::new_with_str_and_init(address, &options)
        .map_err(|_| "the address is not a valid URL".to_string())?;
    Ok(PendingFetch {
        response: gloo::utils::window().fetch_with_request(&request),
        abort,
    })
}

/// Fetches a whole file into memory.
pub async fn fetch_bytes(address: &str) -> Result<Vec<u8>, String> {
    let blob = start_fetch(address)?.response().await?.into_blob().await?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| RESPONSE_UNREADABLE.to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// What a person sees when a response's body could not be read.
const RESPONSE_UNREADABLE: &str = "the response could not be read";

impl PendingFetch {
    /// Waits for the headers; a server's refusal is an error naming its answer.
    pub async fn response(self) -> Result<FetchedResponse, String> {
        let response = JsFuture::from(self.response).await.map_err(|_| {
            "the request was blocked or failed: the server must be reachable and allow cross-origin requests (CORS), as raw.githubusercontent.com does".to_string()
        })?;
        let response: web_sys::Response = response.unchecked_into();
        if !response.ok() {
            self.abort.abort();
            return Err(format!(
                "the server answered {} {}",
                response.status(),
                response.status_text()
            ));
        }
        Ok(FetchedResponse {
            response,
            abort: self.abort,
        })
    }
}

impl FetchedResponse {
    /// The body's size as the server announced it (`Content-Length`), when it did. A body
    /// compressed on the way is larger than announced, never smaller, so a size over a
    /// limit is over it either way.
    pub fn announced_size_bytes(&self) -> Option<u64> {
        self.response
            .headers()
            .get("content-length")
            .ok()
            .flatten()?
            .trim()
            .parse()
            .ok()
    }

    /// Stops the download: a refused file is never read.
    pub fn abandon(self) {
        self.abort.abort();
    }

    /// The whole body, held by the browser (not in the app's memory) until it is read.
    pub async fn into_blob(self) -> Result<web_sys::Blob, String> {
        let blob = self
            .response
            .blob()
            .map_err(|_| RESPONSE_UNREADABLE.to_string())?;
        JsFuture::from(blob)
            .await
            .map(JsCast::unchecked_into)
            .map_err(|_| RESPONSE_UNREADABLE.to_string())
    }
}
