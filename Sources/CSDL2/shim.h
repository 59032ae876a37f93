// Bridges SDL2 (Debian: libsdl2-dev, pkg-config `sdl2`).
#include <SDL.h>
