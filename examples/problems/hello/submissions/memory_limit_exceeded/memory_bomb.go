// Memory limit exceeded: allocates 1 GiB (4x the 256 MiB limit) in 4 MiB slices, writes every byte and keeps every slice.
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
		for j := range chunk {
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
