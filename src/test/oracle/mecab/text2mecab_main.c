/* Oracle harness: runs OpenJTalk's own text2mecab() (compiled from Debian's open-jtalk source by
 * make-text2mecab-goldens.sh) on each input line. Lines are read whole; the trailing '\n' is removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text2mecab.h"

int main(void)
{
   static char line[1 << 16];
   static char converted[1 << 18];
   while (fgets(line, sizeof(line), stdin) != NULL) {
      size_t n = strlen(line);
      if (n > 0 && line[n - 1] == '\n')
         line[--n] = '\0';
      text2mecab(converted, line);
      fputs(converted, stdout);
      fputc('\n', stdout);
   }
   return 0;
}
