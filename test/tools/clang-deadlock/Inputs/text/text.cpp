#include <mutex>

std::mutex Tabbed;

// Indented with tabs: the caret lines keep the tabs.
void tabbed() {
	Tabbed.lock();
	if (true) {
		Tabbed.lock(); // again
	}
}

// More lock sets than MaxPathsPerPoint=4 allows.
std::mutex M1, M2, M3;
void manyPaths(bool X, bool Y, bool Z) {
  if (X) M1.lock();
  if (Y) M2.lock();
  if (Z) M3.lock();
  if (Z) M3.unlock();
  if (Y) M2.unlock();
  if (X) M1.unlock();
}
