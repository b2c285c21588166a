//! The answers as the module hands them to the glue: a compact record of
//! numbers (`f64` slots) and string units (UTF-16), which `decode` in
//! `js/boundary.js` turns into the plain answer objects. Instants cross as
//! epoch milliseconds on the policy's clock, dates as day numbers; every
//! name and sentence crosses once, as an entry of the engine's string table,
//! and is referred to by its id after that.
//!
//! Layout (slots; a string is two slots, its offset and length in units,
//! or `NaN, 0` for null):
//!
//! - header: count of new strings, each a string; the zone's offset text's
//!   id; the policy version's id; the count of results.
//! - a result: an answer, or `1` and a failure. The order's id is not in
//!   the record: the glue's encoder kept the caller's own string
//!   (`takeOrderIds`), and the decoder gives it back as `orderId`.
//! - an answer: the slots of [`AnswerSlots`] (its `kind` is `0`), then
//!   each window's [`WindowSlots`] — both declared once in `slots.rs`,
//!   whose names the decoder reads the slots by.
//! - a failure: error code, path, message.
//!
//! Why a record: `docs/design.md`, "Why do orders cross as a tape, and answers as a record?".

use super::slots::{AnswerSlots, WindowSlots};
use rustc_hash::FxHashMap;
use shouhoubao::internals::{
    basis_text, days_from_epoch, policy_part_names, policy_zone, reason_text, window_label,
    Assessment, Basis, ReasonName, Window, Wire, Zone,
};
use shouhoubao::{
    Anchor, Counting, EngineError, ErrorCode, Instant, Locale, Policy, ReasonCode, Service,
    StateReason, Status, WindowCode,
};

/// The strings an engine has given ids, and how many the glue has.
#[derive(Debug, Default)]
struct Strings {
    all: Vec<String>,
    sent: usize,
}

impl Strings {
    /// The new string's id: its position. An engine holds a few thousand
    /// strings at most (names, parts, sentences); u32 is plenty.
    fn add(&mut self, text: impl Into<String>) -> u32 {
        let id = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        self.all.push(text.into());
        id
    }

    /// The first id of `names`, given consecutive ids in order.
    fn add_all(&mut self, names: &[&str]) -> u32 {
        let first = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        for name in names {
            self.add(*name);
        }
        first
    }
}

/// Where each kind of name starts in the string table.
#[derive(Debug, Clone, Copy)]
struct NameIds {
    status: u32,
    window_code: u32,
    state_reason: u32,
    service: u32,
    anchor: u32,
    counting: u32,
    error_code: u32,
    part: u32,
    offset_text: u32,
    version: u32,
}

/// What a sentence depends on, besides the engine's locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct SentenceKey {
    reason: ReasonCode,
    count: u32,
    months: bool,
    part: Option<u32>,
    service: Service,
}

/// What a basis's counting line depends on, besides the locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct BasisKey {
    anchor: Anchor,
    counting: Counting,
    count: u32,
    repair_days: u32,
    holiday_days: u32,
    weekend_days: u32,
}

/// A text the engine has written once and refers to by id after that: one
/// table for both kinds (a second map type would cost the module its own
/// copy of the hash table's code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum TextKey {
    Sentence(SentenceKey),
    Basis(BasisKey),
    /// A window's label: its code, part and service (`labels::window_label`).
    Label(WindowCode, Option<u32>, Service, u32),
}

/// One engine's side of the record: its string table and the buffers it
/// writes into (kept between calls).
#[derive(Debug)]
pub struct RecordWriter {
    strings: Strings,
    ids: NameIds,
    texts: FxHashMap<TextKey, u32>,
    locale: Locale,
    zone: Zone,
    header: Vec<f64>,
    slots: Vec<f64>,
    chars: Vec<u16>,
    results: usize,
}

/// A written record: where its three parts lie in memory.
#[derive(Debug, Clone, Copy)]
pub struct Written<'a> {
    pub header: &'a [f64],
    pub slots: &'a [f64],
    pub chars: &'a [u16],
}

/// A boolean as a slot.
fn flag(b: bool) -> f64 {
    f64::from(u8::from(b))
}

fn id(base: u32, index: usize) -> f64 {
    f64::from(base) + index as f64
}

/// An integer as a slot: exact, as every count and instant is below 2^53.
fn int(n: i64) -> f64 {
    n as f64
}

impl RecordWriter {
    pub fn new(policy: &Policy, locale: Locale) -> RecordWriter {
        let mut strings = Strings::default();
        let ids = NameIds {
            status: strings.add_all(Status::NAMES),
            window_code: strings.add_all(WindowCode::NAMES),
            state_reason: strings.add_all(StateReason::NAMES),
            service: strings.add_all(Service::NAMES),
            anchor: strings.add_all(Anchor::NAMES),
            counting: strings.add_all(Counting::NAMES),
            error_code: strings.add_all(ErrorCode::NAMES),
            part: {
                let first = u32::try_from(strings.all.len()).unwrap_or(u32::MAX);
                for name in policy_part_names(policy) {
                    strings.add(name.as_str());
                }
                first
            },
            offset_text: strings.add(policy_zone(policy).offset_text()),
            version: strings.add(policy.version()),
        };
        RecordWriter {
            strings,
            ids,
            texts: FxHashMap::default(),
            locale,
            zone: policy_zone(policy),
            header: Vec::new(),
            slots: Vec::new(),
            chars: Vec::new(),
            results: 0,
        }
    }

    /// Writes the sentences, labels and counting lines of later records in
    /// `locale`; those already in the table stay (the glue holds them).
    pub fn set_locale(&mut self, locale: Locale) {
        if locale != self.locale {
            self.locale = locale;
            self.texts.clear();
        }
    }

    /// Starts a new record.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.chars.clear();
        self.results = 0;
    }

    /// The record so far, its header written; the strings it sends count as
    /// sent only once the glue has taken them ([`RecordWriter::taken`]).
    pub fn finish(&mut self) -> Written<'_> {
        self.header.clear();
        let fresh = self
            .strings
            .all
            .get(self.strings.sent..)
            .unwrap_or_default();
        self.header.push(fresh.len() as f64);
        for text in fresh {
            push_text(&mut self.header, &mut self.chars, Some(text));
        }
        self.header.push(f64::from(self.ids.offset_text));
        self.header.push(f64::from(self.ids.version));
        self.header.push(self.results as f64);
        Written {
            header: &self.header,
            slots: &self.slots,
            chars: &self.chars,
        }
    }

    /// The glue has taken every string of the last record.
    pub fn taken(&mut self) {
        self.strings.sent = self.strings.all.len();
    }

    // One result per order of the call: at most the orders' count.
    #[allow(clippy::arithmetic_side_effects)]
    fn count_result(&mut self) {
        self.results += 1;
    }

    fn num(&mut self, x: f64) {
        self.slots.push(x);
    }

    fn text(&mut self, text: Option<&str>) {
        push_text(&mut self.slots, &mut self.chars, text);
    }

    /// The id of the text `key` stands for, written by `write` the first time.
    fn text_id(&mut self, key: TextKey, write: impl FnOnce(Locale) -> String) -> f64 {
        let id = match self.texts.get(&key) {
            Some(id) => *id,
            None => {
                let id = self.strings.add(write(self.locale));
                self.texts.insert(key, id);
                id
            }
        };
        f64::from(id)
    }

    fn sentence(&mut self, reason: ReasonCode, binding: Option<&Window<'_>>) -> f64 {
        let key = TextKey::Sentence(SentenceKey {
            reason,
            count: binding.map_or(0, |w| w.basis.count),
            months: binding.is_some_and(|w| w.basis.counting == Counting::Months),
            part: binding.and_then(|w| w.part).map(|p| p.number),
            service: binding.map_or(Service::Any, |w| w.service),
        });
        self.text_id(key, |locale| reason_text(reason, binding, locale))
    }

    fn label(&mut self, window: &Window<'_>) -> f64 {
        let key = TextKey::Label(
            window.code,
            window.part.map(|p| p.number),
            window.service,
            window.basis.count,
        );
        self.text_id(key, |locale| window_label(window, locale))
    }

    fn basis_text(&mut self, basis: &Basis) -> f64 {
        let key = TextKey::Basis(BasisKey {
            anchor: basis.anchor,
            counting: basis.counting,
            count: basis.count,
            repair_days: basis.repair_days,
            holiday_days: basis.roll.holiday_days,
            weekend_days: basis.roll.weekend_days,
        });
        self.text_id(key, |locale| basis_text(basis, locale))
    }

    /// Adds the answer for the next order (its id is the glue's own copy).
    pub fn answer(&mut self, assessment: &Assessment<'_>) {
        let ids = self.ids;
        self.count_result();
        let local =
            |instant: Option<Instant>| instant.map_or(f64::NAN, |t| int(self.zone.local_millis(t)));
        let answer = AnswerSlots {
            kind: 0.0,
            status: id(ids.status, assessment.status.index()),
            deadline: local(assessment.deadline),
            remaining_ms: assessment.remaining_ms.map_or(f64::NAN, int),
            remaining_days: assessment.remaining_days.map_or(f64::NAN, int),
            reason_code: match ReasonName::from(assessment.reason) {
                ReasonName::Window(code) => id(ids.window_code, code.index()),
                ReasonName::State(state) => id(ids.state_reason, state.index()),
            },
            reason_text: 0.0,
            next_change_at: local(assessment.next_change_at),
            provisional: flag(assessment.provisional),
            category_known: flag(assessment.category_known),
            window_count: assessment.windows.len() as f64,
        };
        let reason_text = self.sentence(assessment.reason, assessment.binding_window());
        self.slots.extend_from_slice(
            &AnswerSlots {
                reason_text,
                ..answer
            }
            .to_slots(),
        );
        for state in &assessment.windows {
            let w = &state.window;
            let basis = &w.basis;
            let label = self.label(w);
            let basis_text = self.basis_text(basis);
            let window = WindowSlots {
                code: id(ids.window_code, w.code.index()),
                label,
                service: id(ids.service, w.service.index()),
                deadline: int(self.zone.local_millis(w.deadline)),
                remaining_days: int(state.remaining_days),
                active: flag(state.active),
                provisional: flag(w.provisional),
                part: w
                    .part
                    .map_or(-1.0, |p| f64::from(ids.part) + f64::from(p.number)),
                promise: w.promise.map_or(-1.0, |i| i as f64),
                anchor: id(ids.anchor, basis.anchor.index()),
                anchor_date: int(days_from_epoch(basis.anchor_date)),
                counting: id(ids.counting, basis.counting.index()),
                count: f64::from(basis.count),
                repair_days: f64::from(basis.repair_days),
                rolled_days: f64::from(basis.roll.days()),
                holiday_days: f64::from(basis.roll.holiday_days),
                weekend_days: f64::from(basis.roll.weekend_days),
                basis_text,
            };
            self.slots.extend_from_slice(&window.to_slots());
        }
    }

    /// Adds the failure of an order that could not be answered (its id, or
    /// null, is the glue's own copy).
    pub fn failure(&mut self, error: &EngineError) {
        let ids = self.ids;
        self.count_result();
        self.num(1.0);
        self.num(id(ids.error_code, error.code.index()));
        self.text(Some(&error.path));
        self.text(Some(&error.message));
    }
}

fn push_text(slots: &mut Vec<f64>, chars: &mut Vec<u16>, text: Option<&str>) {
    match text {
        None => {
            slots.push(f64::NAN);
            slots.push(0.0);
        }
        Some(text) => {
            let start = chars.len();
            chars.extend(text.encode_utf16());
            slots.push(start as f64);
            slots.push(text.encode_utf16().count() as f64);
        }
    }
}
