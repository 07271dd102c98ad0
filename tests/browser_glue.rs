//! Browser glue in real Chromium: picker and drop hand over files, bytes read back, storage
//! round-trips, and the mounted app loads a dropped report into its table.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use covscope::app::browser::{files, storage, tasks};
use covscope::core::analysis::table::{TableColumn, TableView};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn make_file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).expect("File can be built")
}

fn transfer_with(files: &[web_sys::File]) -> web_sys::DataTransfer {
    let transfer = web_sys::DataTransfer::new().expect("DataTransfer can be built");
    for file in files {
        transfer.items().add_with_file(file).expect("file is added");
    }
    transfer
}

/// A drag event of `kind` (`dragover`, `drop`) carrying the transfer, as a browser makes it.
fn drag_event(kind: &str, transfer: &web_sys::DataTransfer) -> web_sys::DragEvent {
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(transfer));
    web_sys::DragEvent::new_with_event_init_dict(kind, &init).unwrap()
}

fn names(files: &[files::PickedFile]) -> Vec<String> {
    files
        .iter()
        .map(|picked| picked.relative_path.clone())
        .collect()
}

#[wasm_bindgen_test]
fn picked_files_are_taken_and_the_input_is_cleared() {
    let document = gloo::utils::document();
    let input: web_sys::HtmlInputElement = document
        .create_element("input")
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_type("file");
    let transfer = transfer_with(&[make_file("a.json", b"{}"), make_file("b.json", b"[]")]);
    input.set_files(transfer.files().as_ref());
    document.body().unwrap().append_child(&input).unwrap();
    let taken = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = taken.clone();
    let listener = gloo::events::EventListener::new(&input, "change", move |event| {
        *sink.borrow_mut() = files::take_picked_files(event);
    });
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    drop(listener);
    assert_eq!(names(&taken.borrow()), vec!["a.json", "b.json"]);
    assert_eq!(input.files().map(|files| files.length()), Some(0));
    input.remove();
}

#[wasm_bindgen_test]
async fn dropped_files_are_taken_and_the_browser_default_is_prevented() {
    let document = gloo::utils::document();
    let target = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&target).unwrap();
    let taken = std::rc::Rc::new(std::cell::RefCell::new(None));
    let sink = taken.clone();
    // gloo listeners are passive unless asked, and a passive listener cannot prevent the
    // default; Yew's own `ondragover` is not passive.
    let active = gloo::events::EventListenerOptions::enable_prevent_default();
    let over =
        gloo::events::EventListener::new_with_options(&target, "dragover", active, |event| {
            files::accept_drag(event.dyn_ref::<web_sys::DragEvent>().unwrap());
        });
    let drop_listener =
        gloo::events::EventListener::new_with_options(&target, "drop", active, move |event| {
            *sink.borrow_mut() = Some(files::take_dropped_items(
                event.dyn_ref::<web_sys::DragEvent>().unwrap(),
            ));
        });
    let transfer = transfer_with(&[make_file("coverage.json", b"{\"files\": {}}")]);
    let dragover = drag_event("dragover", &transfer);
    target.dispatch_event(&dragover).unwrap();
    assert!(dragover.default_prevented(), "dragover must be accepted");
    let drop_event = drag_event("drop", &transfer);
    target.dispatch_event(&drop_event).unwrap();
    assert!(
        drop_event.default_prevented(),
        "the browser must not open the file"
    );
    drop((over, drop_listener));
    let dropped = taken.borrow_mut().take().expect("the drop listener ran");
    let files = files::collect_dropped_files(dropped).await;
    assert_eq!(names(&files), vec!["coverage.json"]);
    target.remove();
}

#[wasm_bindgen_test]
async fn file_bytes_are_read_back_exactly() {
    let bytes: Vec<u8> = (0..=255u8)
        .chain(b"\xEF\xBB\xBF{}".iter().copied())
        .collect();
    let file = make_file("bytes.bin", &bytes);
    assert_eq!(files::start_reading(&file).bytes().await, Ok(bytes));
}

#[wasm_bindgen_test]
fn table_views_round_trip_through_local_storage() {
    let mut views = BTreeMap::new();
    let mut view = TableView::default();
    view.sort = view.sort.toggled_by(TableColumn::Partial);
    view.filter = "cache".to_string();
    view.hide_covered = true;
    views.insert("coverage.json".to_string(), view);
    storage::save_table_views(&views);
    assert_eq!(storage::load_table_views(), views);
    storage::save_table_views(&BTreeMap::new());
    assert_eq!(storage::load_table_views(), BTreeMap::new());
}

#[wasm_bindgen_test]
async fn the_mounted_app_opens_a_shared_report_and_hands_a_dropped_document_to_the_worker() {
    // Reports and markdown documents are read in the parsing worker, whose script and
    // WebAssembly the test page does not serve (Playwright covers that road,
    // `loading.spec.ts`, `documents.spec.ts`). What the page does itself is tested here: it
    // decodes a share link's report at start-up into the table, and hands a dropped
    // markdown document to the loading road, which (with no worker to be had here) ends
    // its load in an error naming the file, never reading it on the page.
    let report = covscope::core::formats::parse_coverage_py_json(include_bytes!(
        "fixtures/coverage/toolz/coverage.json"
    ))
    .value
    .expect("toolz's report parses");
    let link = covscope::core::share::encode_share_fragment(
        &covscope::core::share::ViewState::default(),
        &[("coverage.json", &report)],
    )
    .expect("the report fits a link");
    let window = gloo::utils::window();
    window
        .history()
        .unwrap()
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{}", link.fragment)),
        )
        .unwrap();

    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<covscope::app::components::App>::with_root(root.clone()).render();
    // Yew renders on its own scheduler, component by component; yield to the event loop
    // until what is waited for is in the page.
    let count = |selector: &str| {
        root.query_selector_all(selector)
            .map(|list| list.length())
            .unwrap_or(0)
    };
    let selected_name = || {
        root.query_selector("[data-testid=report-item][aria-selected=true]")
            .ok()
            .flatten()
            .and_then(|element| element.get_attribute("data-name"))
    };
    for _ in 0..400 {
        if count("[data-testid=file-row]") == 14 && selected_name().is_some() {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
    assert_eq!(
        count("[data-testid=file-row]"),
        14,
        "toolz's report has 14 files"
    );
    assert_eq!(selected_name().as_deref(), Some("coverage.json"));

    let zone = root
        .query_selector("[data-testid=drop-zone]")
        .ok()
        .flatten()
        .expect("the app renders its drop zone");
    let documents_before = count("[data-testid=doc-item]");
    let transfer = transfer_with(&[make_file(
        "01-01-PLAN.md",
        b"---\nphase: 01-glue\nplan: 01\n---\n\n# Glue plan\n\nOverall coverage >= 90%.\n",
    )]);
    zone.dispatch_event(&drag_event("drop", &transfer)).unwrap();
    let plan_error = "[data-testid=load-error][data-file=\"01-01-PLAN.md\"]";
    // The worker's script failing to load is an event of its own, some tasks later.
    for _ in 0..20_000 {
        if count(plan_error) > 0 {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
    assert_eq!(
        count(plan_error),
        1,
        "the dropped plan went to the parsing worker, which this page cannot start"
    );
    assert_eq!(
        count("[data-testid=doc-item]"),
        documents_before,
        "the page reads no document itself"
    );
    handle.destroy();
    root.remove();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"))
        .unwrap();
}

/// The loading road's line counts who waits for a turn, so the page knows whether more
/// files of a batch follow; a wait given up before its turn leaves the count.
#[wasm_bindgen_test]
async fn a_line_counts_who_waits_for_a_turn() {
    let line = tasks::Line::new();
    assert!(!line.has_waiting());
    let first = line.join();
    let second = line.join();
    assert!(line.has_waiting());
    let first_turn = first.await;
    assert!(line.has_waiting(), "the second still waits");
    drop(first_turn);
    let second_turn = second.await;
    assert!(!line.has_waiting());
    let given_up = line.join();
    assert!(line.has_waiting());
    drop(given_up);
    assert!(!line.has_waiting());
    drop(second_turn);
}
