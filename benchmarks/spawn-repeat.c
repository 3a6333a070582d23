/*
 * Starts a command N times, one after the other, and prints how long each start-to-exit took.
 *
 *   spawn-repeat N EXPECTED_EXIT COMMAND [ARG...]
 *
 * The command's stdout and stderr go to /dev/null, stdin is /dev/null. Prints one line:
 *   runs=N median_ms=... mean_ms=... min_ms=... max_ms=...
 * Exits 1 if any run exits with another code than EXPECTED_EXIT (and says which run and code).
 * Measuring from C keeps a shell's own fork and loop out of a figure of a millisecond or less.
 *
 * Build: gcc -O2 -o spawn-repeat spawn-repeat.c
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: spawn-repeat N EXPECTED_EXIT COMMAND [ARG...]\n");
        return 2;
    }
    int runs = atoi(argv[1]), expected = atoi(argv[2]);
    if (runs < 1) {
        fprintf(stderr, "spawn-repeat: N must be at least 1\n");
        return 2;
    }
    double *millis = calloc((size_t)runs, sizeof *millis);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    double sum = 0;
    for (int run = 0; run < runs; run++) {
        struct timespec start, end;
        pid_t pid;
        clock_gettime(CLOCK_MONOTONIC, &start);
        int failed = posix_spawnp(&pid, argv[3], &actions, NULL, argv + 3, environ);
        if (failed) {
            fprintf(stderr, "spawn-repeat: cannot start %s: %s\n", argv[3], strerror(failed));
            return 1;
        }
        int status;
        if (waitpid(pid, &status, 0) < 0) {
            perror("waitpid");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &end);
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (code != expected) {
            fprintf(stderr, "spawn-repeat: run %d of %s exited %d, expected %d\n", run + 1, argv[3], code, expected);
            return 1;
        }
        millis[run] = (double)(end.tv_sec - start.tv_sec) * 1e3 + (double)(end.tv_nsec - start.tv_nsec) / 1e6;
        sum += millis[run];
    }
    qsort(millis, (size_t)runs, sizeof *millis, compare);
    double median = runs % 2 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
    printf("runs=%d median_ms=%.4f mean_ms=%.4f min_ms=%.4f max_ms=%.4f\n", runs, median, sum / runs, millis[0],
           millis[runs - 1]);
    free(millis);
    return 0;
}
