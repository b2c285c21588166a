//! The tape (src/json/tape.rs) as the engine reads and writes it: every
//! kind of value, documents read back, strings on character boundaries,
//! and malformed tapes that read as nothing rather than panicking. Through
//! the hidden `internals` module, outside the library's code.

#![allow(clippy::restriction)] // test code: a failed check panics, and that is the report

use shouhoubao::internals::{Document, Reader, Value, UNREADABLE};

#[test]
fn reads_an_object_with_every_kind_of_value() {
    let text = "idT1nlist";
    let ops = [
        6.0, 4.0, 20.0, 9.0, // object of 4 members, 20 ops, 9 bytes
        4.0, 2.0, 4.0, 2.0, // "id": "T1"
        4.0, 1.0, 3.0, 1.5, // "n": 1.5
        4.0, 4.0, 5.0, 3.0, 3.0, 0.0, 0.0, 2.0, 7.0, // "list": [null, true, BigInt]
        4.0, 0.0, 10.0, // "": unreadable
    ];
    let value = Reader::new(&ops, text.as_bytes()).next_value().unwrap();
    let Value::Object(members) = value else {
        panic!("{value:?}")
    };
    let members: Vec<_> = members.members().collect();
    assert_eq!(members.len(), 4);
    assert_eq!(members[0], ("id", Value::String("T1")));
    assert_eq!(members[1], ("n", Value::Number(1.5)));
    let Value::Array(list) = members[2].1 else {
        panic!()
    };
    assert_eq!(
        list.values().collect::<Vec<_>>(),
        [Value::Null, Value::Bool(true), Value::Foreign("a BigInt")]
    );
    assert_eq!(members[3], ("", UNREADABLE));
    assert_eq!(value.get("n"), Some(Value::Number(1.5)));
    assert_eq!(value.get("absent"), None);
}

#[test]
fn a_document_writes_what_a_reader_reads_and_steps_over_containers() {
    let mut document = Document::default();
    let outer = document.open_array();
    let object = document.open_object();
    document.string("a");
    document.string("é");
    document.close(object, 1);
    document.number(2.0);
    document.close(outer, 2);
    let Value::Array(items) = document.value() else {
        panic!()
    };
    let items: Vec<_> = items.values().collect();
    assert_eq!(items[0].get("a"), Some(Value::String("é")));
    assert_eq!(items[1], Value::Number(2.0));
    let mut copy = Document::default();
    copy.copy(document.value());
    assert_eq!(copy, document);
}

#[test]
fn strings_borrow_from_the_text_and_end_on_char_boundaries() {
    let ops = [4.0, 3.0];
    assert_eq!(
        Reader::new(&ops, "é!".as_bytes()).next_value(),
        Some(Value::String("é!"))
    );
    assert_eq!(Reader::new(&[4.0, 1.0], "é".as_bytes()).next_value(), None);
}

#[test]
fn malformed_tapes_read_as_nothing_not_panics() {
    for bad in [
        &[][..],
        &[99.0],
        &[4.0, 5.0],
        &[5.0, 2.0, 1.0, 0.0, 0.0],
        &[5.0, 1.0, 9.0, 0.0],
        &[3.0],
        &[11.0, 99.0],
        &[f64::INFINITY],
        &[5.0, f64::INFINITY, 0.0, 0.0],
    ] {
        assert_eq!(Reader::new(bad, b"").next_value(), None, "{bad:?}");
    }
    // A length that is no whole number saturates: a wrong value, never
    // a read out of bounds.
    assert_eq!(
        Reader::new(&[4.0, f64::NAN], b"ab").next_value(),
        Some(Value::String(""))
    );
    // Spans that lie: the items read as unreadable, the members end.
    let lying = [5.0, 2.0, 2.0, 0.0, 99.0, 98.0];
    let Some(Value::Array(items)) = Reader::new(&lying, b"").next_value() else {
        panic!()
    };
    assert!(items.values().all(|v| v == UNREADABLE));
    assert_eq!(
        Reader::new(&[11.0, 0.0], b"").next_value(),
        Some(Value::Foreign("a Map"))
    );
    assert_eq!(
        Reader::new(&[13.0, 5000.0], b"").next_value(),
        Some(Value::LongString(5000))
    );
}
