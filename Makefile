# The two commands a newcomer needs (see README.md):
#   make run    build, then run the main job
#   make test   install what is missing, then pass every test
.PHONY: run test
run:
	@scripts/run.sh
test:
	@scripts/test.sh
