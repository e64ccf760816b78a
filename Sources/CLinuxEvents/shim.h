// epoll and eventfd, which the Glibc module does not export: the HTTP core's event loops.
#include <sys/epoll.h>
#include <sys/eventfd.h>
