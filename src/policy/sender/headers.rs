//! The header section of a received message, split into fields as the MTA saw it: the section ends at
//! the first empty line or at the first line that is neither a header field nor a folded continuation
//! (as Postfix's cleanup treats it), so text after such a line is body, whatever it looks like.

/// One header field: its name as written and its raw value (after the colon, folding kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    pub name: &'a [u8],
    pub value: &'a [u8],
}

impl Field<'_> {
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }
}

/// The header fields of a message, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeaderSection<'a> {
    pub fields: Vec<Field<'a>>,
    /// Whether the section ended (at an empty line or a line that is not a header) within the bytes
    /// given; `false` when they ran out first.
    pub ended: bool,
}

/// Splits the start of a message into its header fields. A leading mbox `From ` line (the envelope
/// line of a saved mailbox, not a header) is skipped.
pub fn header_section<'a>(message: &'a [u8]) -> HeaderSection<'a> {
    let mut section = HeaderSection::default();
    let mut rest = message;
    if rest.starts_with(b"From ") {
        match rest.iter().position(|&b| b == b'\n') {
            Some(end) => rest = &rest[end + 1..],
            None => return section,
        }
    }
    // (start of the field, its colon, end of the field so far), as offsets into `message`.
    let mut current: Option<(usize, usize, usize)> = None;
    let mut at = message.len() - rest.len();
    let finish = |current: &mut Option<(usize, usize, usize)>, fields: &mut Vec<Field<'a>>| {
        if let Some((start, colon, end)) = current.take() {
            fields.push(Field {
                name: trim_wsp_end(&message[start..colon]),
                value: &message[colon + 1..end],
            });
        }
    };
    let mut fields = Vec::new();
    while at < message.len() {
        let line_end = message[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(message.len(), |i| at + i + 1);
        let line = &message[at..line_end];
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        if content.is_empty() {
            section.ended = true;
            break;
        }
        if content.starts_with(b" ") || content.starts_with(b"\t") {
            match current.as_mut() {
                Some((_, _, end)) => *end = line_end,
                None => {
                    section.ended = true;
                    break;
                }
            }
        } else {
            match field_name_end(content) {
                Some(colon) => {
                    finish(&mut current, &mut fields);
                    current = Some((at, at + colon, line_end));
                }
                None => {
                    section.ended = true;
                    break;
                }
            }
        }
        at = line_end;
    }
    finish(&mut current, &mut fields);
    section.fields = fields;
    section
}

/// The position of the colon when the line starts a header field: a name of printable ASCII other
/// than ':' (RFC 5322 ftext), optionally followed by spaces (the obsolete syntax), then ':'.
fn field_name_end(line: &[u8]) -> Option<usize> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = trim_wsp_end(&line[..colon]);
    let valid = !name.is_empty() && name.iter().all(|&b| (33..=126).contains(&b) && b != b':');
    valid.then_some(colon)
}

fn trim_wsp_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'a>(section: &HeaderSection<'a>) -> Vec<&'a str> {
        section
            .fields
            .iter()
            .map(|f| std::str::from_utf8(f.name).unwrap())
            .collect()
    }

    #[test]
    fn splits_fields_with_folding() {
        let message = b"Received: from a\r\n\tby b\r\nFrom: ceo@corp.example\r\nSubject : hi\r\n\r\nFrom: body@evil.example\r\n";
        let section = header_section(message);
        assert!(section.ended);
        assert_eq!(names(&section), ["Received", "From", "Subject"]);
        assert_eq!(section.fields[0].value, b" from a\r\n\tby b\r\n");
        assert_eq!(section.fields[1].value, b" ceo@corp.example\r\n");
        assert!(section.fields[2].is("subject"));
    }

    #[test]
    fn the_section_ends_at_a_line_that_is_not_a_header() {
        for message in [
            &b"Subject: x\nthis line is not a header\nFrom: ceo@corp.example\n"[..],
            b"Subject: x\n: no name\nFrom: ceo@corp.example\n",
            b"Subject: x\nBad Name: y\nFrom: ceo@corp.example\n",
            b"Subject: x\n\nFrom: ceo@corp.example\n",
            b"Subject: x\r\n\r\nFrom: ceo@corp.example\r\n",
            b"Subject: x\n--boundary\nFrom: ceo@corp.example\n",
            b"Subject: x\n\xffoo: y\nFrom: ceo@corp.example\n",
        ] {
            let section = header_section(message);
            assert!(section.ended, "{message:?}");
            assert_eq!(
                names(&section),
                ["Subject"],
                "{:?}",
                String::from_utf8_lossy(message)
            );
        }
        // A continuation line before any field: no header section at all.
        let section = header_section(b" folded: x\nFrom: a@b.example\n");
        assert!(section.fields.is_empty());
        // Running out of bytes is not an end.
        let section = header_section(b"Subject: x\nFrom: a@b.example");
        assert!(!section.ended);
        assert_eq!(names(&section), ["Subject", "From"]);
        assert_eq!(section.fields[1].value, b" a@b.example");
    }

    #[test]
    fn an_mbox_envelope_line_is_skipped() {
        let section = header_section(b"From someone@x Mon Nov 30 10:00:00 2026\nFrom: a@b.example\n\n");
        assert_eq!(names(&section), ["From"]);
        assert_eq!(section.fields[0].value, b" a@b.example\n");
    }
}
