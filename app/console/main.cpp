// placeholder until the console lands
int main() { return 0; }
