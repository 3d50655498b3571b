//! The pulse's trend as a server-drawn SVG line chart: the share answering
//! "too high" per round (or month), 0–100 %, a dashed reference line (seed
//! 000's 41 %), and a marker at each round where the team agreed an action.
//! A round with too few answers leaves a gap. The page shows the same
//! numbers in a table.

use super::super::workforce::charts::{line, open, text};
use crate::charts::push_tenths;

const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 250.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// What the chart shows.
pub struct Trend<'a> {
    pub id: &'a str,
    pub title: String,
    pub description: String,
    /// The first and last label under the axis (dates).
    pub from: String,
    pub to: String,
    /// Percent per point; None where it does not show.
    pub values: Vec<Option<f64>>,
    /// A horizontal line at this percent, with its label.
    pub reference: Option<(f64, String)>,
    /// Points where an action was agreed or a conversation followed, with a short label.
    pub markers: Vec<(usize, String)>,
}

fn x_of(i: usize, n: usize) -> f64 {
    if n <= 1 { LEFT } else { LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (n - 1) as f64 }
}

fn y_of(percent: f64) -> f64 {
    TOP + (100.0 - percent.clamp(0.0, 100.0)) / 100.0 * (HEIGHT - TOP - BOTTOM)
}

fn attrs(svg: &mut String, pairs: &[(&str, f64)]) {
    for (name, v) in pairs {
        svg.push(' ');
        svg.push_str(name);
        svg.push_str("=\"");
        push_tenths(svg, *v, '.');
        svg.push('"');
    }
}

pub fn share_trend(t: &Trend<'_>) -> String {
    let mut svg = String::with_capacity(4096);
    open(&mut svg, t.id, HEIGHT, &t.title, &t.description);
    let n = t.values.len();
    for p in [0.0, 50.0, 100.0] {
        line(&mut svg, LEFT, y_of(p), WIDTH - RIGHT, y_of(p));
        text(&mut svg, LEFT - 6.0, y_of(p), "end", &format!("{p:.0} %"));
    }
    text(&mut svg, LEFT, HEIGHT - 12.0, "start", &t.from);
    if n > 1 {
        text(&mut svg, WIDTH - RIGHT, HEIGHT - 12.0, "end", &t.to);
    }
    if let Some((p, label)) = &t.reference {
        svg.push_str("<line class=\"pulse-reference\"");
        attrs(&mut svg, &[("x1", LEFT), ("y1", y_of(*p)), ("x2", WIDTH - RIGHT), ("y2", y_of(*p))]);
        svg.push_str("/>");
        text(&mut svg, WIDTH - RIGHT, y_of(*p) - 9.0, "end", label);
    }
    for (i, label) in &t.markers {
        let x = x_of(*i, n);
        svg.push_str("<line class=\"pulse-marker\"");
        attrs(&mut svg, &[("x1", x), ("y1", TOP), ("x2", x), ("y2", HEIGHT - BOTTOM)]);
        svg.push_str("/>");
        text(&mut svg, x + 3.0, TOP + 6.0, "start", label);
    }
    // One polyline per run of shown points: a hidden round is a gap.
    let mut run: Vec<(f64, f64)> = Vec::new();
    let flush = |svg: &mut String, run: &mut Vec<(f64, f64)>| {
        if run.len() > 1 {
            svg.push_str("<polyline class=\"series pulse-share\" points=\"");
            for (k, (x, y)) in run.iter().enumerate() {
                if k > 0 {
                    svg.push(' ');
                }
                push_tenths(svg, *x, '.');
                svg.push(',');
                push_tenths(svg, *y, '.');
            }
            svg.push_str("\"/>");
        }
        run.clear();
    };
    for (i, v) in t.values.iter().enumerate() {
        match v {
            Some(p) => run.push((x_of(i, n), y_of(*p))),
            None => flush(&mut svg, &mut run),
        }
    }
    flush(&mut svg, &mut run);
    for (i, v) in t.values.iter().enumerate() {
        if let Some(p) = v {
            svg.push_str("<circle class=\"pulse-point\" r=\"4\"");
            attrs(&mut svg, &[("cx", x_of(i, n)), ("cy", y_of(*p))]);
            svg.push_str("/>");
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rounds_leave_a_gap_and_the_reference_line_is_drawn() {
        let svg = share_trend(&Trend {
            id: "t",
            title: "Te hoog & trend".into(),
            description: "d".into(),
            from: "1 jan".into(),
            to: "1 mrt".into(),
            values: vec![Some(50.0), Some(40.0), None, Some(20.0), Some(10.0)],
            reference: Some((41.0, "41 %".into())),
            markers: vec![(1, "A1".into())],
        });
        assert!(svg.contains("role=\"img\"") && svg.contains("Te hoog &amp; trend"));
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 4);
        assert!(svg.contains("class=\"pulse-reference\""));
        assert!(svg.contains("class=\"pulse-marker\""));
        // 50 % is half-way down the plot: 16 + 0.5 * 194.
        assert!(svg.contains("48.0,113.0"), "{svg}");
    }
}
