//! Charts as SVG drawn on the server: no script, `role="img"` with a title
//! and a description; every page that shows one also shows its numbers in a
//! table.

use std::fmt::Write as _;

use kartrekker::mail::messages::escape_html as esc;

/// A number rounded to one decimal (halves away from zero). Written with
/// integer arithmetic: the float formatter takes its slow exact path for
/// every `{:.1}`, a tenth of a results page's time with a chart's coordinates.
pub struct Tenths(pub f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = (self.0 * 10.0).round() as i64;
        let sign = if t < 0 { "-" } else { "" };
        write!(f, "{sign}{}.{}", t.unsigned_abs() / 10, t.unsigned_abs() % 10)
    }
}

/// One line of a radar chart: a name, a value per axis (None: no value), and
/// a CSS class for its colour and dash pattern.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: Vec<Option<f64>>,
    pub class: &'a str,
}

/// A radar chart with one axis per label, on a scale from `min` to `max`.
pub fn radar(title: &str, description: &str, labels: &[String], series: &[Series<'_>], min: f64, max: f64) -> String {
    let (w, h, cx, cy, r) = (520.0, 420.0, 260.0, 205.0, 140.0);
    let n = labels.len().max(3) as f64;
    let point = |axis: usize, v: f64| {
        let angle = -std::f64::consts::FRAC_PI_2 + axis as f64 * std::f64::consts::TAU / n;
        let k = ((v - min) / (max - min)).clamp(0.0, 1.0) * r;
        (cx + k * angle.cos(), cy + k * angle.sin())
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" class=\"chart radar\" role=\"img\" aria-labelledby=\"radar-t radar-d\">\
         <title id=\"radar-t\">{}</title><desc id=\"radar-d\">{}</desc>",
        esc(title),
        esc(description)
    );
    // Written straight into the one string: a results page draws a few hundred numbers.
    let points = |svg: &mut String, pts: &mut dyn Iterator<Item = (f64, f64)>| {
        for (i, (x, y)) in pts.enumerate() {
            let _ = write!(svg, "{}{},{}", if i == 0 { "" } else { " " }, Tenths(x), Tenths(y));
        }
    };
    // Rings at every whole step of the scale, and the axes.
    let steps = (max - min).round() as i64;
    for s in 1..=steps {
        let v = min + s as f64;
        svg.push_str("<polygon class=\"ring\" points=\"");
        points(&mut svg, &mut (0..labels.len()).map(|a| point(a, v)));
        svg.push_str("\"/>");
    }
    for (a, label) in labels.iter().enumerate() {
        let (x, y) = point(a, max);
        let _ = write!(svg, "<line class=\"axis\" x1=\"{cx}\" y1=\"{cy}\" x2=\"{}\" y2=\"{}\"/>", Tenths(x), Tenths(y));
        let (lx, ly) = point(a, max + (max - min) * 0.16);
        let anchor = if (lx - cx).abs() < 5.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>",
            Tenths(lx),
            Tenths(ly),
            esc(label)
        );
    }
    for s in series {
        let pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(a, v)| v.map(|v| point(a, v))).collect();
        if pts.len() == s.values.len() && !pts.is_empty() {
            let _ = write!(svg, "<polygon class=\"series {}\" points=\"", esc(s.class));
            points(&mut svg, &mut pts.iter().copied());
            svg.push_str("\"/>");
        }
        for (x, y) in pts {
            let _ = write!(
                svg,
                "<circle class=\"dot {}\" cx=\"{}\" cy=\"{}\" r=\"4\"/>",
                esc(s.class),
                Tenths(x),
                Tenths(y)
            );
        }
    }
    // The legend, so colour is not the only cue: the lines also differ in dash.
    for (i, s) in series.iter().enumerate() {
        let y = h - 30.0;
        let x = 20.0 + i as f64 * 200.0;
        let _ = write!(
            svg,
            "<line class=\"series {}\" x1=\"{x}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{y}\" dominant-baseline=\"middle\">{}</text>",
            esc(s.class),
            x + 30.0,
            x + 38.0,
            esc(s.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_round_halves_away_from_zero() {
        let t = |v: f64| super::Tenths(v).to_string();
        assert_eq!(t(3.25), "3.3");
        assert_eq!(t(3.0), "3.0");
        assert_eq!(t(260.04), "260.0");
        assert_eq!(t(-1.25), "-1.3");
        assert_eq!(t(-0.04), "0.0");
        assert_eq!(t(0.96), "1.0");
    }

    use super::*;

    #[test]
    fn a_radar_has_its_title_points_and_escapes_text() {
        let labels =
            vec!["Roeping".to_string(), "Collegialiteit".into(), "Kwaliteiten".into(), "Omgeving <werk>".into()];
        let svg = radar(
            "Jij & je collega's",
            "d",
            &labels,
            &[
                Series { name: "Zelf", values: vec![Some(5.0), Some(1.0), Some(3.0), Some(3.0)], class: "self" },
                Series { name: "Collega's", values: vec![None, None, None, None], class: "colleagues" },
            ],
            1.0,
            5.0,
        );
        assert!(
            svg.contains("role=\"img\"") && svg.contains("<title id=\"radar-t\">Jij &amp; je collega&#39;s</title>")
        );
        assert!(svg.contains("Omgeving &lt;werk&gt;"));
        // 5 on the first axis is straight up at full radius; 1 on the second is the centre.
        assert!(svg.contains("points=\"260.0,65.0 260.0,205.0"), "{svg}");
        assert_eq!(svg.matches("class=\"series colleagues\" points").count(), 0, "no polygon without values");
    }
}
