//! One sort for every list the engine orders (windows, holidays, categories,
//! parts): a permutation computed through a `dyn` comparator, so that the
//! wasm module carries a single copy of the sorting code rather than one per
//! element type.

use std::cmp::Ordering;

/// `items` sorted by `compare` (not stable; every caller's order is total).
pub fn sorted_by<T>(items: Vec<T>, compare: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let order = permutation(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => compare(x, y),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The indices `0..len` in the order `compare` gives them.
fn permutation(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::sorted_by;

    #[test]
    fn sorts_any_list() {
        assert_eq!(sorted_by(vec![3, 1, 2], &|a, b| a.cmp(b)), vec![1, 2, 3]);
        assert_eq!(
            sorted_by(Vec::<u8>::new(), &|a, b| a.cmp(b)),
            Vec::<u8>::new()
        );
        let names = vec!["b".to_owned(), "a".to_owned(), "c".to_owned()];
        assert_eq!(sorted_by(names, &|a, b| b.cmp(a)), vec!["c", "b", "a"]);
    }
}
