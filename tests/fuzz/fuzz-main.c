/*
 * Replays every file of a corpus directory through LLVMFuzzerTestOneInput, so
 * each build runs the fuzz corpora as ordinary tests (suite 'fuzz'). With
 * -Dfuzz=true the targets link libFuzzer instead and this file is unused.
 */
#undef NDEBUG
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path) {
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	uint8_t *buf = malloc(1 << 20);
	size_t n = buf ? fread(buf, 1, 1 << 20, f) : 0;
	(void)fclose(f);
	if (!buf) {
		return -1;
	}
	/* Copy to an exact-size allocation so ASan sees reads past the end. */
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, n);
	free(buf);
	(void)LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	return 0;
}

int main(int argc, char **argv) {
	int count = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		for (struct dirent *e = readdir(d); e; e = readdir(d)) {
			char path[4096];
			if (e->d_name[0] == '.') {
				continue;
			}
			(void)snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			if (replay(path) < 0) {
				(void)closedir(d);
				return 1;
			}
			count++;
		}
		(void)closedir(d);
	}
	printf("replayed %d inputs\n", count);
	return count > 0 ? 0 : 1;
}
