//! Names on the wire, each declared once: [`wire_enum!`] declares an enum
//! together with the string each member is written as. From that one
//! declaration come the serde form and the table of names
//! ([`Wire::NAMES`]), which `as_str`, the reader's list of accepted values
//! and the names the JS decoder receives from the module all read. The
//! package's TypeScript unions are held to it
//! (crates/shouhoubao-wasm/tests/types.rs).

/// An enum whose members are written as fixed strings.
pub trait Wire: Copy + Eq + 'static {
    /// Every member, in declaration order.
    const ALL: &'static [Self];

    /// Every member's wire name, in declaration order.
    const NAMES: &'static [&'static str];

    /// The member's wire name: its entry in [`Wire::NAMES`].
    fn as_str(self) -> &'static str;

    /// The member written `text`, if any.
    fn from_wire(text: &str) -> Option<Self> {
        let position = Self::NAMES.iter().position(|name| *name == text)?;
        Self::ALL.get(position).copied()
    }

    /// The member's position in [`Wire::ALL`] (the glue's name tables).
    fn index(self) -> usize;
}

/// Declares `pub enum Name { Member = "wire", … }` with its [`Wire`] impl.
///
/// ```ignore
/// wire_enum! {
///     /// The service a window grants.
///     pub enum Service { Any = "any", Return = "return" }
/// }
/// ```
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$member_meta:meta])* $member:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub enum $name {
            $( $(#[$member_meta])* #[serde(rename = $wire)] $member ),+
        }

        impl $crate::wire::Wire for $name {
            const ALL: &'static [$name] = &[$($name::$member),+];
            const NAMES: &'static [&'static str] = &[$($wire),+];

            // Written for each enum, not as the trait's default: a default
            // method is instantiated apart and costs the module ~20 B.
            fn as_str(self) -> &'static str {
                Self::NAMES.get(self.index()).copied().unwrap_or_default()
            }

            fn index(self) -> usize {
                // Members carry no explicit discriminants: declaration order.
                self as usize
            }
        }

        impl $name {
            /// The member's wire name.
            #[allow(dead_code)] // not every enum's is read outside the trait
            pub fn as_str(self) -> &'static str {
                $crate::wire::Wire::as_str(self)
            }
        }
    };
}
pub(crate) use wire_enum;
