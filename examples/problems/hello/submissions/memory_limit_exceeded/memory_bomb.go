// Memory limit exceeded: maps 1 GiB (4x the 256 MiB limit) in 32 MiB blocks and keeps every block. Each block asks
// for transparent huge pages (MADV_HUGEPAGE): 512 times fewer page faults than 4 KiB pages, which on some virtual
// machines take most of the problem's second of CPU time. Writing one byte in each 4 KiB page is enough to make the
// kernel give the page, with huge pages or without.
package main

import (
	"bufio"
	"fmt"
	"os"
	"syscall"
)

const block = 32 << 20

func main() {
	var a, b int64
	reader := bufio.NewReader(os.Stdin)
	if _, err := fmt.Fscan(reader, &a, &b); err != nil {
		os.Exit(1)
	}
	blocks := make([][]byte, 0, 32)
	for i := 0; i < 32; i++ {
		mapped, err := syscall.Mmap(-1, 0, block, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
		if err != nil {
			panic(err) // only reached under an address-space limit
		}
		_ = syscall.Madvise(mapped, syscall.MADV_HUGEPAGE)
		for j := 0; j < len(mapped); j += 4096 {
			mapped[j] = byte(i%255 + 1)
		}
		blocks = append(blocks, mapped)
	}
	extra := int64(0)
	if len(blocks) == 0 {
		extra = 1
	}
	fmt.Println(a + b + extra)
}
