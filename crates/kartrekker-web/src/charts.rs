//! Charts as SVG drawn on the server: no script, `role="img"` with a title
//! and a description; every page that shows one also shows its numbers in a
//! table.

use std::fmt::Write as _;

use kartrekker::mail::messages::escape_html as esc;

/// Writes a number rounded to one decimal (halves away from zero), with
/// `point` as the decimal sign. Integer arithmetic and no formatter: the
/// float formatter takes its slow exact path for every `{:.1}`, and even
/// `core::fmt` for integers cost a tenth of a results page, which draws a
/// few hundred coordinates.
pub fn push_tenths(s: &mut String, v: f64, point: char) {
    let t = (v * 10.0).round() as i64;
    if t < 0 {
        s.push('-');
    }
    let a = t.unsigned_abs();
    let (mut digits, mut i, mut n) = ([0u8; 20], 20, a / 10);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    s.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
    s.push(point);
    s.push(char::from(b'0' + (a % 10) as u8));
}

/// `x,y` of a point in SVG.
fn push_point(s: &mut String, (x, y): (f64, f64)) {
    push_tenths(s, x, '.');
    s.push(',');
    push_tenths(s, y, '.');
}

/// ` name="value"` for a coordinate.
fn push_attr(s: &mut String, name: &str, v: f64) {
    s.push(' ');
    s.push_str(name);
    s.push_str("=\"");
    push_tenths(s, v, '.');
    s.push('"');
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
        for (i, p) in pts.enumerate() {
            if i > 0 {
                svg.push(' ');
            }
            push_point(svg, p);
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
        let _ = write!(svg, "<line class=\"axis\" x1=\"{cx}\" y1=\"{cy}\"");
        push_attr(&mut svg, "x2", x);
        push_attr(&mut svg, "y2", y);
        svg.push_str("/>");
        let (lx, ly) = point(a, max + (max - min) * 0.16);
        let anchor = if (lx - cx).abs() < 5.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        svg.push_str("<text");
        push_attr(&mut svg, "x", lx);
        push_attr(&mut svg, "y", ly);
        let _ = write!(svg, " text-anchor=\"{anchor}\" dominant-baseline=\"middle\">{}</text>", esc(label));
    }
    for s in series {
        let pts: Vec<(f64, f64)> = s.values.iter().enumerate().filter_map(|(a, v)| v.map(|v| point(a, v))).collect();
        if pts.len() == s.values.len() && !pts.is_empty() {
            let _ = write!(svg, "<polygon class=\"series {}\" points=\"", esc(s.class));
            points(&mut svg, &mut pts.iter().copied());
            svg.push_str("\"/>");
        }
        for (x, y) in pts {
            let _ = write!(svg, "<circle class=\"dot {}\"", esc(s.class));
            push_attr(&mut svg, "cx", x);
            push_attr(&mut svg, "cy", y);
            svg.push_str(" r=\"4\"/>");
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
        let t = |v: f64| {
            let mut s = String::new();
            super::push_tenths(&mut s, v, '.');
            s
        };
        assert_eq!(t(3.25), "3.3");
        assert_eq!(t(3.0), "3.0");
        assert_eq!(t(260.04), "260.0");
        assert_eq!(t(-1.25), "-1.3");
        assert_eq!(t(-0.04), "0.0");
        assert_eq!(t(0.96), "1.0");
        assert_eq!(t(1234.56), "1234.6");
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
