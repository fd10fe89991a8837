// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) in 4 MiB slices and keeps every slice. It writes
// one byte in each 4 KiB page, which is enough to make the kernel give the page: the limit is reached in
// milliseconds, long before the time limit.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	var a, b int64
	reader := bufio.NewReader(os.Stdin)
	if _, err := fmt.Fscan(reader, &a, &b); err != nil {
		os.Exit(1)
	}
	chunks := make([][]byte, 0, 256)
	for i := 0; i < 256; i++ {
		chunk := make([]byte, 4<<20)
		for j := 0; j < len(chunk); j += 4096 {
			chunk[j] = byte(i%255 + 1)
		}
		chunks = append(chunks, chunk)
	}
	extra := int64(0)
	if len(chunks) == 0 {
		extra = 1
	}
	fmt.Println(a + b + extra)
}
