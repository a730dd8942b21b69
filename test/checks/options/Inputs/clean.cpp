#include <mutex>
std::mutex Mu;
void clean() { std::lock_guard<std::mutex> G(Mu); }
