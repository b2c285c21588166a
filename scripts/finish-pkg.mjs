console.log("finish")
