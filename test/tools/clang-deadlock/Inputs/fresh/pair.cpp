#include "socket.h"

PairSocket::PairSocket() : Peer(nullptr) {}
