use covscope::core::document::*;
use std::time::{Duration, Instant};
#[test]
fn perf() {
    // reuse generator by including the test file's pieces is hard; do simple checks
    let seeds: Vec<String> = [
        "12-tier-1-coverage-push-01-PLAN.md",
        "12-tier-1-coverage-push-VERIFICATION.md",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(format!("tests/fixtures/reports/{f}")).unwrap())
    .collect();
    for s in &seeds {
        let t = Instant::now();
        for _ in 0..10 {
            parse_document("x-PLAN.md", s.as_bytes());
        }
        println!("parse seed {:?}", t.elapsed() / 10);
        let t = Instant::now();
        for _ in 0..10 {
            render_markdown_safe(s);
        }
        println!("render seed {:?}", t.elapsed() / 10);
        let t = Instant::now();
        for _ in 0..10 {
            body_segments(s);
        }
        println!("segments seed {:?}", t.elapsed() / 10);
    }
    let mut deep = String::new();
    for l in 0..200 {
        deep.push_str(&format!("{}k{l}:\n", " ".repeat(l)));
    }
    let t = Instant::now();
    parse_document("x.md", deep.as_bytes());
    println!("deep keys no fm {:?}", t.elapsed());
    let d2 = format!("---\n{deep}");
    let t = Instant::now();
    parse_document("x.md", d2.as_bytes());
    println!("deep keys fm {:?}", t.elapsed());
    let tags = "<deep>\n".repeat(200);
    let t = Instant::now();
    parse_document("x.md", tags.as_bytes());
    println!("deep tags {:?}", t.elapsed());
    let t = Instant::now();
    render_markdown_safe(&tags);
    println!("render deep tags {:?}", t.elapsed());
    let br = "[[[[[[[[\n{{{{{{\n".repeat(40);
    let t = Instant::now();
    parse_document("x.md", format!("---\n{br}").as_bytes());
    println!("brackets {:?}", t.elapsed());
    let t = Instant::now();
    render_markdown_safe(&br);
    println!("render brackets {:?}", t.elapsed());
    let lists = (0..200)
        .map(|l| format!("{}- \n", " ".repeat(l)))
        .collect::<String>();
    let t = Instant::now();
    parse_document("x.md", format!("---\n{lists}").as_bytes());
    println!("deep lists fm {:?}", t.elapsed());
    let t = Instant::now();
    render_markdown_safe(&lists);
    println!("render deep lists {:?}", t.elapsed());
    let t = Instant::now();
    body_segments(&lists);
    println!("segments deep lists {:?}", t.elapsed());
}
#[test]
fn perf2() {
    let lists = (0..200).map(|l| format!("{}- \n", " ".repeat(l))).collect::<String>();
    let t = Instant::now(); for _ in 0..10 { body_segments(&lists); } println!("segments deep lists {:?}", t.elapsed()/10);
    let plain = "hello world\n".repeat(200);
    let t = Instant::now(); for _ in 0..10 { body_segments(&plain); } println!("segments plain {:?}", t.elapsed()/10);
    let ind = (0..200).map(|l| format!("{}x\n", " ".repeat(l))).collect::<String>();
    let t = Instant::now(); for _ in 0..10 { body_segments(&ind); } println!("segments indented {:?}", t.elapsed()/10);
}
