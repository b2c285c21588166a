//! Names on the wire, each declared once: [`wire_enum!`] declares an enum
//! together with the string each member is written as. From that one
//! declaration come the serde form, the TypeScript union (tsify, in the
//! wasm build), `as_str`, the reader's list of accepted values, and the name
//! tables the JS decoder receives from the module.

/// An enum whose members are written as fixed strings.
pub trait Wire: Copy + Eq + 'static {
    /// Every member, in declaration order.
    const ALL: &'static [Self];

    /// The member's wire name.
    fn as_str(self) -> &'static str;

    /// The member written `text`, if any.
    fn from_wire(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.as_str() == text)
    }

    /// The member's position in [`Wire::ALL`] (the glue's name tables).
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
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
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        pub enum $name {
            $( $(#[$member_meta])* #[serde(rename = $wire)] $member ),+
        }

        impl $crate::wire::Wire for $name {
            const ALL: &'static [$name] = &[$($name::$member),+];

            fn as_str(self) -> &'static str {
                match self {
                    $($name::$member => $wire),+
                }
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
