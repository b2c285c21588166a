# The commands a newcomer needs (see README.md):
#   make run     build, then serve the 我的淘宝 demo page
#   make test    install what is missing, then pass every test
#   make bench   benchmarks and sizes (not part of the tests)
#   make fuzz    fuzz every target for FUZZ_SECONDS each (default 60)
.PHONY: run test bench fuzz
run:
	@scripts/run.sh
test:
	@scripts/test.sh
bench:
	@scripts/bench.sh
fuzz:
	@scripts/fuzz.sh $(FUZZ_SECONDS)
