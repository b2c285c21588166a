//! The record's fixed layouts, declared once: an answer's slots and a
//! window's. The writer (`record.rs`) fills each slot by name; build.rs
//! hands the names to the glue's decoder (`js/boundary.js`), which reads
//! each slot by name too. A new answer field is one line here, one
//! assignment in the writer and one read in the decoder.

/// Declares a layout: a struct of `f64` slots, their wire names in order,
/// and the slots as an array to append to the record in one go.
macro_rules! record_slots {
    ($(#[$doc:meta])* $name:ident { $($(#[$field_doc:meta])* $field:ident = $wire:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name {
            $($(#[$field_doc])* pub $field: f64,)*
        }

        impl $name {
            /// The slots' wire names, in record order.
            pub const NAMES: &'static [&'static str] = &[$($wire,)*];
            /// How many slots the layout takes.
            pub const LEN: usize = Self::NAMES.len();

            /// The slots in record order.
            pub fn to_slots(self) -> [f64; Self::LEN] {
                [$(self.$field,)*]
            }
        }
    };
}

record_slots! {
    /// An answer (a result of kind 0), followed by `window_count` windows.
    AnswerSlots {
        /// `0`: an answer (a failure's kind is `1`).
        kind = "kind",
        /// The status's id in the string table.
        status = "status",
        /// Local epoch ms (the policy's offset added), or NaN for null.
        deadline = "deadline",
        /// Or NaN for null.
        remaining_ms = "remainingMs",
        /// Or NaN for null.
        remaining_days = "remainingDays",
        /// The reason code's id.
        reason_code = "reasonCode",
        /// The reason sentence's id.
        reason_text = "reasonText",
        /// Local epoch ms, or NaN for null.
        next_change_at = "nextChangeAt",
        /// 1 or 0.
        provisional = "provisional",
        /// 1 or 0.
        category_known = "categoryKnown",
        /// How many windows follow.
        window_count = "windowCount",
    }
}

record_slots! {
    /// One window of an answer.
    WindowSlots {
        /// The window code's id.
        code = "code",
        /// The label's id (`labels::window_label`).
        label = "label",
        /// The service's id.
        service = "service",
        /// Local epoch ms.
        deadline = "deadline",
        /// Whole days left.
        remaining_days = "remainingDays",
        /// 1 or 0.
        active = "active",
        /// 1 or 0.
        provisional = "provisional",
        /// The part name's id, or −1.
        part = "part",
        /// The promise's index, or −1.
        promise = "promise",
        /// The anchor's id.
        anchor = "anchor",
        /// Days since 1970-01-01.
        anchor_date = "anchorDate",
        /// The counting's id.
        counting = "counting",
        /// Days or months counted.
        count = "count",
        /// Repair days added.
        repair_days = "repairDays",
        /// Days rolled over.
        rolled_days = "rolledDays",
        /// Of which holidays.
        holiday_days = "holidayDays",
        /// Of which weekend days.
        weekend_days = "weekendDays",
        /// The counting line's id (`labels::basis_text`).
        basis_text = "basisText",
    }
}
