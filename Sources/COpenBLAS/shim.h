// The CBLAS interface from Debian's libopenblas-dev. The runtime loads the library
// itself (dlopen) the first time a product is large enough to need it, so programs
// that never multiply large matrices don't pay for OpenBLAS's start-up.
#include <cblas.h>
