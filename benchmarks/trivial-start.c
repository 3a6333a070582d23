/* The start-up reference: a C program that does nothing. Build: gcc -O2 -o trivial-start trivial-start.c */
int main(void) { return 0; }
