// No locks here; includes neither header.
int main() { return 0; }
