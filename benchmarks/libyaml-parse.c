/*
 * The benchmarks' floor: libyaml's parser alone over a list of YAML files, and nothing else.
 *
 *   libyaml-parse [--list LIST] [--base DIR] [FILE...]
 *
 * Each file (named on the command line, or one a line in LIST, relative to DIR when given) is read whole into memory
 * and parsed with yaml_parser_parse until YAML_STREAM_END_EVENT. Events are only counted (so that nothing is optimised
 * away). A file libyaml refuses is reported on stderr as file:line:column and the run goes on; the exit code is 1 if
 * any file failed, 2 on a usage or read error, else 0. The last line on stdout sums up files, bytes, events, errors.
 *
 * Build: gcc -O2 -o libyaml-parse libyaml-parse.c -lyaml   (Debian: libyaml-dev)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned char *buffer;
static size_t buffer_capacity;

/* Reads the whole file into the shared buffer; returns its length, or -1 with errno-style message printed. */
static long read_whole_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        perror(path);
        return -1;
    }
    size_t length = 0;
    for (;;) {
        if (length == buffer_capacity) {
            buffer_capacity = buffer_capacity ? buffer_capacity * 2 : 1 << 16;
            buffer = realloc(buffer, buffer_capacity);
            if (!buffer) {
                fprintf(stderr, "libyaml-parse: out of memory\n");
                exit(2);
            }
        }
        size_t got = fread(buffer + length, 1, buffer_capacity - length, file);
        length += got;
        if (got == 0) break;
    }
    int failed = ferror(file);
    fclose(file);
    if (failed) {
        perror(path);
        return -1;
    }
    return (long)length;
}

/* Parses one buffer; returns the number of events, or -1 after printing libyaml's error. */
static long parse(const char *path, const unsigned char *bytes, size_t length) {
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    if (!yaml_parser_initialize(&parser)) {
        fprintf(stderr, "libyaml-parse: cannot initialise the parser\n");
        exit(2);
    }
    yaml_parser_set_input_string(&parser, bytes, length);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%lu:%lu: error: %s\n", path, (unsigned long)parser.problem_mark.line + 1,
                    (unsigned long)parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
            yaml_parser_delete(&parser);
            return -1;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return events;
}

int main(int argc, char **argv) {
    const char *list = NULL, *base = NULL;
    int first_file = 1;
    while (first_file < argc && strncmp(argv[first_file], "--", 2) == 0) {
        if (strcmp(argv[first_file], "--list") == 0 && first_file + 1 < argc) {
            list = argv[first_file + 1];
        } else if (strcmp(argv[first_file], "--base") == 0 && first_file + 1 < argc) {
            base = argv[first_file + 1];
        } else {
            fprintf(stderr, "usage: libyaml-parse [--list LIST] [--base DIR] [FILE...]\n");
            return 2;
        }
        first_file += 2;
    }
    unsigned long files = 0, bytes = 0, events = 0, errors = 0;
    char path[8192];
    FILE *list_file = NULL;
    if (list && !(list_file = fopen(list, "r"))) {
        perror(list);
        return 2;
    }
    int next_arg = first_file;
    for (;;) {
        char name[4096];
        if (list_file) {
            if (!fgets(name, sizeof name, list_file)) break;
            name[strcspn(name, "\r\n")] = 0;
            if (!name[0]) continue;
        } else {
            if (next_arg >= argc) break;
            snprintf(name, sizeof name, "%s", argv[next_arg++]);
        }
        if (base) snprintf(path, sizeof path, "%s/%s", base, name);
        else snprintf(path, sizeof path, "%s", name);
        long length = read_whole_file(path);
        if (length < 0) return 2;
        long count = parse(path, buffer, (size_t)length);
        files++;
        bytes += (unsigned long)length;
        if (count < 0) errors++;
        else events += (unsigned long)count;
    }
    if (list_file) fclose(list_file);
    printf("files=%lu bytes=%lu events=%lu errors=%lu\n", files, bytes, events, errors);
    free(buffer);
    return errors ? 1 : 0;
}
