/* hostcall: HOSTCALL_N = 100,000 host calls `li t0, 1; ecall` (= PVM
 * `ecalli 1`, protocol cap slot 1 = GAS), as the reference
 * grey_hostcall_blob.  Each call exits to the host (ProtocolCall) and is
 * resumed (the recompiler may inline GAS).  Natively the call is a stub
 * (guest/grey_guest.c).  Returns the number of calls made, 100000.
 * The GAS result (phi7) is not checked: it is backend dependent. */
#include "grey_guest.h"

#define HOSTCALL_N 100000u

uint64_t grey_main(void) {
  uint32_t n = GREY_OPAQUE(HOSTCALL_N), i;
  uint64_t sink = 0;
  for (i = 0; i < n; i++) sink += grey_host_call(GREY_HC_GAS, 0, 0, 0, 0, 0);
  GREY_OPAQUE(sink);
  return i;
}
