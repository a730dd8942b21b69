#include "Core/LockPath.h"
#include "gtest/gtest.h"
using namespace deadlock;
TEST(LockPath, Placeholder) { EXPECT_TRUE(true); }
