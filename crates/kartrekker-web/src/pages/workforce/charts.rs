//! The business case's charts as server-drawn SVG (like `crate::charts`):
//! a tornado of the sensitivity, a waterfall of the yearly total and a
//! stacked bar of the two skill mixes. Each has a title and a description;
//! the page shows the same numbers in a table. Values come in cents or
//! hundredths and are labelled by the caller, in the reader's notation.

use std::fmt::Write as _;

use kartrekker::mail::messages::escape_html as esc;

use crate::charts::push_tenths;

/// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
const COLOURS: [&str; 3] = ["#00557f", "#a64800", "#2e6b2e"];
const WIDTH: f64 = 520.0;

pub(crate) fn open(svg: &mut String, id: &str, height: f64, title: &str, description: &str) {
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        esc(title),
        esc(description)
    );
}

fn rect(svg: &mut String, x: f64, y: f64, w: f64, h: f64, fill: &str) {
    svg.push_str("<rect");
    for (name, v) in [("x", x), ("y", y), ("width", w.max(0.5)), ("height", h)] {
        let _ = write!(svg, " {name}=\"");
        push_tenths(svg, v, '.');
        svg.push('"');
    }
    let _ = write!(svg, " fill=\"{fill}\"/>");
}

pub(crate) fn text(svg: &mut String, x: f64, y: f64, anchor: &str, words: &str) {
    svg.push_str("<text");
    for (name, v) in [("x", x), ("y", y)] {
        let _ = write!(svg, " {name}=\"");
        push_tenths(svg, v, '.');
        svg.push('"');
    }
    let _ = write!(svg, " text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>", esc(words));
}

pub(crate) fn line(svg: &mut String, x1: f64, y1: f64, x2: f64, y2: f64) {
    let mut s = String::from("<line class=\"axis\"");
    for (name, v) in [("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)] {
        let _ = write!(s, " {name}=\"");
        push_tenths(&mut s, v, '.');
        s.push('"');
    }
    s.push_str("/>");
    svg.push_str(&s);
}

/// A scale from the smallest to the largest value (zero included) onto `x0..x1`.
fn scale(values: impl Iterator<Item = i64>, x0: f64, x1: f64) -> impl Fn(i64) -> f64 {
    let (mut lo, mut hi) = (0_i64, 0_i64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let span = (hi - lo).max(1) as f64;
    move |v| x0 + (v - lo) as f64 / span * (x1 - x0)
}

/// One input of the tornado: its name, the total 20 % lower and 20 % higher,
/// and those two totals written out.
pub struct TornadoRow {
    pub name: String,
    pub low: i64,
    pub high: i64,
    pub low_text: String,
    pub high_text: String,
}

/// Bars from the total with the input lower to the total with it higher,
/// around a line at the base total; the widest on top.
pub fn tornado(title: &str, description: &str, base: i64, rows: &[TornadoRow]) -> String {
    let (top, row_h) = (10.0, 34.0);
    let height = top + row_h * rows.len() as f64 + 10.0;
    let mut svg = String::new();
    open(&mut svg, "tornado", height, title, description);
    let x = scale(rows.iter().flat_map(|r| [r.low, r.high]).chain([base]).map(|v| v - base), 190.0, 430.0);
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        text(&mut svg, 180.0, y + 12.0, "end", &r.name);
        let (a, b) = (x(r.low - base), x(r.high - base));
        rect(&mut svg, a.min(b), y + 2.0, (a - b).abs(), 12.0, COLOURS[0]);
        text(&mut svg, 190.0, y + 24.0, "start", &format!("{} – {}", r.low_text, r.high_text));
    }
    line(&mut svg, x(0), top - 4.0, x(0), height - 6.0);
    svg.push_str("</svg>");
    svg
}

/// A waterfall: each step a bar from where the last one ended, then the
/// total as a bar from zero.
pub fn waterfall(
    title: &str,
    description: &str,
    steps: &[(String, i64, String)],
    total: &(String, i64, String),
) -> String {
    let (top, bar_h, gap) = (10.0, 26.0, 14.0);
    let n = steps.len() + 1;
    let height = top + (bar_h + gap) * n as f64;
    let mut svg = String::new();
    open(&mut svg, "waterfall", height, title, description);
    let mut ends = vec![0_i64];
    for (_, v, _) in steps {
        ends.push(ends.last().copied().unwrap_or(0) + v);
    }
    let x = scale(ends.iter().copied().chain([total.1]), 190.0, 500.0);
    let mut at = 0_i64;
    for (i, (name, v, words)) in steps.iter().chain([total]).enumerate() {
        let y = top + (bar_h + gap) * i as f64;
        let last = i == steps.len();
        let (from, to) = if last { (0, *v) } else { (at, at + v) };
        text(&mut svg, 180.0, y + 8.0, "end", name);
        text(&mut svg, 180.0, y + 22.0, "end", words);
        let (a, b) = (x(from), x(to));
        rect(&mut svg, a.min(b), y, (a - b).abs(), bar_h - 6.0, COLOURS[if last { 0 } else { 1 + (*v < 0) as usize }]);
        at += v;
    }
    svg.push_str("</svg>");
    svg
}

/// Two (or more) stacked bars: per bar its name and the size of each part,
/// with a legend naming the parts.
pub fn stacked(title: &str, description: &str, bars: &[(String, [i64; 3])], parts: &[String; 3]) -> String {
    let (top, bar_h, gap) = (10.0, 28.0, 16.0);
    let legend_y = top + (bar_h + gap) * bars.len() as f64;
    let height = legend_y + 24.0 * 3.0;
    let mut svg = String::new();
    open(&mut svg, "mix", height, title, description);
    let x = scale(bars.iter().map(|(_, p)| p.iter().sum::<i64>()), 150.0, 500.0);
    for (i, (name, sizes)) in bars.iter().enumerate() {
        let y = top + (bar_h + gap) * i as f64;
        text(&mut svg, 140.0, y + bar_h / 2.0, "end", name);
        let mut at = 0;
        for (k, size) in sizes.iter().enumerate() {
            rect(&mut svg, x(at), y, x(at + size) - x(at), bar_h, COLOURS[k]);
            at += size;
        }
    }
    for (k, part) in parts.iter().enumerate() {
        let y = legend_y + 24.0 * k as f64;
        rect(&mut svg, 150.0, y, 14.0, 14.0, COLOURS[k]);
        text(&mut svg, 172.0, y + 7.0, "start", part);
    }
    svg.push_str("</svg>");
    svg
}
