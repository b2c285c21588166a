fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let v = shouhoubao::json::parse(&text).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let s = shouhoubao::input::PolicySnapshot::read(&v).unwrap();
        let t1 = t.elapsed();
        let p = shouhoubao::policy::Policy::from_snapshot(s);
        let t2 = t.elapsed();
        println!("read {:?} resolve {:?} ok {}", t1, t2 - t1, p.is_ok());
    }
}
