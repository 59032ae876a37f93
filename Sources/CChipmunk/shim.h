// Bridges Chipmunk2D 7 (Debian: libchipmunk-dev, no pkg-config file).
#include <chipmunk/chipmunk.h>
