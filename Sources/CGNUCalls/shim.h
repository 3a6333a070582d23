#ifndef CGNUCALLS_SHIM_H
#define CGNUCALLS_SHIM_H
/* Two functions of the GNU C library that its headers declare only for _GNU_SOURCE, which Swift's Glibc module is
   not built with. They are declared here under names of their own, bound to glibc's symbols by asm labels, so that
   they meet no other declaration; the linker finds them in libc (libc.so.6, or libc.a in the static build).
   renameat2 is in glibc since 2.28, syncfs since 2.14. Linux only: nothing calls them elsewhere. */
#if defined(__linux__)
int kcm_renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)
    __asm__("renameat2");
int kcm_syncfs(int fd) __asm__("syncfs");
/* RENAME_NOREPLACE of <linux/fs.h>: fail with EEXIST rather than replace what is at the new name. */
#define KCM_RENAME_NOREPLACE 1U
#endif
#endif
